import { describe, expect, it } from 'vitest';
import type { ChangeSummary } from '../sync/change-summary.js';
import { formatRun } from './format-run.js';

const change = (i: number) => ({
  partnerId: `p${i}`,
  partner: `Partner ${i}`,
  cell: 'healthcare|data_ai',
  label: 'Healthcare × Data & AI',
  from: 'Proven',
  to: 'Specialist',
  reasons: [],
});

describe('formatRun', () => {
  it('lists the first level changes and says how many more there are', () => {
    const summary: ChangeSummary = {
      since: null,
      counts: { promoted: 19, demoted: 1, newGaps: 0, closedGaps: 0, coverageMoved: 0 },
      promoted: Array.from({ length: 19 }, (_, i) => change(i)),
      demoted: [{ ...change(99), from: 'Specialist', to: 'Proven' }],
      newGaps: [],
      closedGaps: [],
      coverageMoved: [],
    };
    const lines = formatRun({
      id: '367788a5-0000-4000-8000-000000000000',
      kind: 'run',
      status: 'succeeded',
      startedAt: '2026-12-07T02:00:00.000Z',
      finishedAt: '2026-12-07T02:00:30.000Z',
      options: {},
      figures: null,
      changeSummary: summary,
      error: null,
    });
    expect(lines.filter((l) => l.startsWith('  ⬆'))).toHaveLength(5);
    expect(lines).toContain('  … and 14 more promotions');
    expect(lines.filter((l) => l.startsWith('  ⬇'))).toEqual([
      '  ⬇ Partner 99: Healthcare × Data & AI Specialist → Proven',
    ]);
    expect(lines.some((l) => l.includes('more demotion'))).toBe(false);
  });
});
