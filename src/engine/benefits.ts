/** A partner's benefits from its cell levels: each benefit's rules tried in order, the first match giving the value. */
import type { Benefit, BenefitCondition, PartnerBenefit } from '../model/benefits.js';

/** What a rule reads of a cell: its key (`sector|technology`) and level (null: none, or excluded by an override). */
export interface LevelledCell {
  cell: string;
  level: string | null;
}

/**
 * Counts the sector × technology cells at `condition.level` or higher within `condition.in`. Whole-sector and
 * whole-technology cells are left out: they are derived from the pairs, so counting them would count a pair again.
 */
function cellsMeeting(
  condition: BenefitCondition,
  cells: readonly LevelledCell[],
  ladder: readonly string[],
): number {
  const needed = ladder.indexOf(condition.level);
  if (needed < 0) return 0;
  let found = 0;
  for (const { cell, level } of cells) {
    if (level === null) continue;
    const [sector, technology] = cell.split('|');
    if (sector === '*' || technology === '*') continue;
    if (condition.in?.sector !== undefined && condition.in.sector !== sector) continue;
    if (condition.in?.technology !== undefined && condition.in.technology !== technology) continue;
    const rank = ladder.indexOf(level);
    if (rank >= 0 && rank <= needed) found++;
  }
  return found;
}

/** The scoring ladder as the rules read it: the levels, highest first (`config.levels.ladder`). */
export type Ladder = readonly { name: string }[];

/**
 * The value of one benefit for a partner's cells; null when no rule matches and the benefit has no `otherwise`.
 * @example
 * benefitValue(leadPriority, [{ cell: 'healthcare|data_ai', level: 'Proven' }], config.levels.ladder)
 * // 'Medium' (rules: Specialist → High, Proven → Medium; otherwise Standard)
 */
export function benefitValue(
  benefit: Benefit,
  cells: readonly LevelledCell[],
  ladder: Ladder,
): string | null {
  const names = ladder.map((l) => l.name);
  const rule = benefit.rules.find((r) => cellsMeeting(r.when, cells, names) >= r.when.atLeast);
  return rule?.value ?? benefit.otherwise ?? null;
}

/** Every benefit of a partner, in the order of `benefits.yaml`. */
export function partnerBenefits(
  benefits: readonly Benefit[],
  cells: readonly LevelledCell[],
  ladder: Ladder,
): PartnerBenefit[] {
  return benefits.map((b) => ({ key: b.key, name: b.name, value: benefitValue(b, cells, ladder) }));
}
