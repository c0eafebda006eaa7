/** The benefit lines of `atlas simulate`: per benefit, who would gain and lose each value, with a few names. */
import { type BenefitShift, type BenefitValueShift, count } from '../engine/index.js';

/** "Acme, Bolt and 3 more". */
function named(names: readonly string[], total: number): string {
  const more = total - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

function valueLine(shift: BenefitValueShift): string {
  const parts: string[] = [];
  if (shift.gained > 0)
    parts.push(
      `${count(shift.gained, 'partner gains', 'partners gain')} it (${named(shift.gainedBy, shift.gained)})`,
    );
  if (shift.lost > 0)
    parts.push(
      `${count(shift.lost, 'partner loses', 'partners lose')} it (${named(shift.lostBy, shift.lost)})`,
    );
  return `${shift.value === null ? 'no value' : `"${shift.value}"`}: ${parts.join('; ')}`;
}

/** Indented lines for the terminal: the benefits that change; one line when none does; none without benefits. */
export function benefitShiftLines(shifts: readonly BenefitShift[]): string[] {
  if (shifts.length === 0) return [];
  const changing = shifts.filter((s) => s.partnersChanged > 0);
  if (changing.length === 0) return [`  benefits: no partner's benefits would change`];
  const lines = ['  benefits:'];
  for (const shift of changing) {
    lines.push(`    ${shift.name}: ${count(shift.partnersChanged, 'partner', 'partners')} would change`);
    for (const value of shift.values) lines.push(`      ${valueLine(value)}`);
  }
  return lines;
}
