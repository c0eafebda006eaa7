import { describe, expect, it } from 'vitest';
import { runOptionsOf } from './run-options.js';

describe('runOptionsOf', () => {
  it('reads the flags a run recorded', () => {
    expect(
      runOptionsOf({ options: { dryRun: true, full: false, trigger: 'schedule', systems: ['hubspot'] } }),
    ).toEqual({ dryRun: true, full: false, trigger: 'schedule' });
  });

  it('reads no flag from options of another shape instead of trusting a cast', () => {
    expect(runOptionsOf({ options: null })).toEqual({});
    expect(runOptionsOf({ options: { dryRun: 'yes' } })).toEqual({});
    expect(runOptionsOf({ options: 'full' })).toEqual({});
  });
});
