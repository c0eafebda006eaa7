import { describe, expect, it } from 'vitest';
import { durationWords, relativeTime, runName } from './run-name.js';

const NOW = new Date('2026-12-07T21:09:00Z');
const run = (kind: string, dryRun: boolean) => ({
  kind,
  startedAt: '2026-12-07T21:07:30.000Z',
  options: { dryRun },
});

describe('run names', () => {
  it('names a run by its kind and start, and says when it was a dry run', () => {
    expect(runName(run('run', false), NOW, 'UTC')).toBe('Run of 7 Dec 21:07');
    expect(runName(run('run', true), NOW, 'UTC')).toBe('Dry run of 7 Dec 21:07');
    expect(runName(run('sync', true), NOW, 'UTC')).toBe('Sync (dry run) of 7 Dec 21:07');
    expect(runName(run('run', false), NOW, 'Europe/Paris')).toBe('Run of 7 Dec 22:07');
    expect(runName({ ...run('run', false), startedAt: '2025-12-07T21:07:30.000Z' }, NOW, 'UTC')).toBe(
      'Run of 7 Dec 2025 21:07',
    );
  });

  it('says how long ago as a person would', () => {
    expect(relativeTime('2026-12-07T21:08:30.000Z', NOW, 'UTC')).toBe('just now');
    expect(relativeTime('2026-12-07T21:08:00.000Z', NOW, 'UTC')).toBe('1 minute ago');
    expect(relativeTime('2026-12-07T18:00:00.000Z', NOW, 'UTC')).toBe('3 hours ago');
    expect(relativeTime('2026-12-06T18:00:00.000Z', NOW, 'UTC')).toBe('yesterday');
    expect(relativeTime('2026-12-01T18:00:00.000Z', NOW, 'UTC')).toBe('6 days ago');
    expect(relativeTime('2026-09-01T18:00:00.000Z', NOW, 'UTC')).toBe('on 1 Sept 18:00');
    expect(durationWords(4_200)).toBe('4.2 s');
    expect(durationWords(200_000)).toBe('3 min 20 s');
  });
});
