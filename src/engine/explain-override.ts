/** An override or demotion hold in words, for `atlas explain` and the partner page: who decided what, until when, why. */
import type { CellOverride } from '../model/score-cell.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "1 Mar 2027" (UTC), or "3 Dec" when `sameYearAs` is in the same year. Overrides expire at an instant the
 * programme team chose by the day, so the day is what people read.
 */
export function dayInWords(iso: string, sameYearAs?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const year = at.getUTCFullYear();
  const omitYear = sameYearAs !== undefined && new Date(sameYearAs).getUTCFullYear() === year;
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}${omitYear ? '' : ` ${year}`}`;
}

/**
 * The override of a cell in one sentence. `level` is the level the cell holds; `heldSince` when the
 * demotion of a held cell was first found (from the review queue), `now` to leave out this year.
 *
 * @example describeOverride({ kind: 'pin', computedLevel: 'Proven', reason: 'audited in October',
 *   author: 'Ana Souza', expiresAt: '2027-03-01T00:00:00Z' }, 'Specialist')
 * // "Pinned at Specialist by Ana Souza until 1 Mar 2027: audited in October (the evidence gives Proven)"
 */
export function describeOverride(
  override: CellOverride,
  level: string | null,
  options: { heldSince?: string | null; now?: string } = {},
): string {
  const evidence = `(the evidence gives ${override.computedLevel ?? 'no level'})`;
  const until = override.expiresAt ? ` until ${dayInWords(override.expiresAt)}` : '';
  const reason = override.reason.trim();
  const because = reason ? `: ${reason}` : '';
  switch (override.kind) {
    case 'pin':
      return `Pinned at ${level ?? 'no level'} by ${override.author}${until}${because} ${evidence}`;
    case 'exclude':
      return `Excluded by ${override.author}${until}${because} ${evidence}`;
    case 'hold': {
      const since = options.heldSince ? ` since ${dayInWords(options.heldSince, options.now)}` : '';
      return `Held at ${level ?? 'no level'}: demotion to ${override.computedLevel ?? 'no level'} waits for review${since}`;
    }
  }
}
