// Unit: membership changes go out in add-and-remove calls of at most the maximum ids, adds and removes together.
import { describe, expect, it } from 'vitest';
import { HS_MEMBERSHIP_CHANGE_MAX } from './limits.js';
import { membershipBatches } from './list-memberships.js';

describe('membershipBatches', () => {
  it('fills each call up to the maximum, adds first, then removes', () => {
    expect(membershipBatches(['1', '2', '3'], ['9'], 2)).toEqual([
      { add: ['1', '2'], remove: [] },
      { add: ['3'], remove: ['9'] },
    ]);
  });

  it('makes no call for no change, and one call for a change within the documented maximum', () => {
    expect(membershipBatches([], [])).toEqual([]);
    const ids = Array.from({ length: HS_MEMBERSHIP_CHANGE_MAX }, (_, i) => String(i + 1));
    expect(membershipBatches(ids.slice(0, 60_000), ids.slice(60_000))).toHaveLength(1);
    expect(membershipBatches([...ids, '0'], [])).toHaveLength(2);
  });
});
