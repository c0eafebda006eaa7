/**
 * Benefit changes under another scoring configuration: per benefit and value, the partners who would gain it
 * and those who would lose it, so an admin sees what new thresholds give and take before switching.
 */
import type { Benefit } from '../model/benefits.js';
import type { ScoringConfig } from '../model/scoring.js';
import { partnerBenefits } from './benefits.js';
import { computeScores } from './score-core.js';
import { partnerSegments, segmentLabels } from './segments.js';
import type { SimulationModel } from './simulate.js';

/** Partners named per value and direction, so the report reads with examples and stays short. */
export const BENEFIT_EXAMPLES = 3;

/** One value of a benefit: how many partners would gain it and lose it, and the first few of each by name. */
export interface BenefitValueShift {
  /** null: the benefit's field left empty (no rule matched and there is no `otherwise`). */
  value: string | null;
  gained: number;
  lost: number;
  gainedBy: string[];
  lostBy: string[];
}

export interface BenefitShift {
  key: string;
  name: string;
  /** Partners whose value of this benefit would change. */
  partnersChanged: number;
  /** Values that some partner would gain or lose, in the benefit's rule order (empty value last). */
  values: BenefitValueShift[];
}

/** Each partner's benefit values under one configuration, by partner id (first record of a partner id). */
function benefitsUnder(
  model: SimulationModel,
  config: ScoringConfig,
  now: string,
  benefits: readonly Benefit[],
): Map<string, (string | null)[]> {
  const core = computeScores({ ...model, config, now });
  const labels = segmentLabels(core);
  const values = new Map<string, (string | null)[]>();
  core.table.partnerIds.forEach((id, p) => {
    if (values.has(id)) return;
    const cells = partnerSegments(core, p, labels);
    values.set(
      id,
      partnerBenefits(benefits, cells, config.levels.ladder).map((b) => b.value),
    );
  });
  return values;
}

/** Rule order, then the empty value: the order the values appear in the benefit's definition. */
function valueOrder(benefit: Benefit): (string | null)[] {
  const values: (string | null)[] = benefit.rules.map((r) => r.value);
  values.push(benefit.otherwise ?? null);
  return [...new Set(values)];
}

/**
 * Scores the model under both configurations and compares each partner's benefits. Pure; a partner scored
 * under neither configuration (no evidence) has the benefits of no level under both, so it never changes.
 * @example
 * const shifts = simulateBenefits(model, current, candidate, '2025-06-30', mappings.benefits);
 * shifts[0]?.values; // [{ value: 'High', gained: 2, lost: 0, gainedBy: ['Acme', 'Bolt'], lostBy: [] }, …]
 */
export function simulateBenefits(
  model: SimulationModel,
  currentConfig: ScoringConfig,
  otherConfig: ScoringConfig,
  now: string,
  benefits: readonly Benefit[],
): BenefitShift[] {
  if (benefits.length === 0) return [];
  const before = benefitsUnder(model, currentConfig, now, benefits);
  const after = benefitsUnder(model, otherConfig, now, benefits);
  const names = new Map(model.partners.map((p) => [String(p.id), p.name]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) =>
    (names.get(a) ?? a).localeCompare(names.get(b) ?? b),
  );
  const none = (benefit: Benefit) => benefit.otherwise ?? null;
  return benefits.map((benefit, i) => {
    const shifts = new Map<string | null, BenefitValueShift>(
      valueOrder(benefit).map((value) => [value, { value, gained: 0, lost: 0, gainedBy: [], lostBy: [] }]),
    );
    let partnersChanged = 0;
    for (const id of ids) {
      const from = before.get(id)?.[i] ?? none(benefit);
      const to = after.get(id)?.[i] ?? none(benefit);
      if (from === to) continue;
      partnersChanged++;
      const name = names.get(id) ?? id;
      const lost = shifts.get(from);
      const gained = shifts.get(to);
      if (lost) {
        lost.lost++;
        if (lost.lostBy.length < BENEFIT_EXAMPLES) lost.lostBy.push(name);
      }
      if (gained) {
        gained.gained++;
        if (gained.gainedBy.length < BENEFIT_EXAMPLES) gained.gainedBy.push(name);
      }
    }
    return {
      key: benefit.key,
      name: benefit.name,
      partnersChanged,
      values: [...shifts.values()].filter((s) => s.gained > 0 || s.lost > 0),
    };
  });
}
