/** How often proposed teams cover an opportunity with true expertise, and the revenue baseline to compare with. */
import type { Deal } from '../../src/model/deal.js';
import type { GroundTruth } from './generate-ecosystem.js';
import { TRUE_EXPERT_THRESHOLD } from './latent-expertise.js';

/** A customer need of the team benchmark: one sector and several technologies (taxonomy keys). */
export interface TeamOpportunity {
  sector: string;
  technologies: string[];
}

/** Every sector with every combination of `sizes` technologies (default 2 and 3), in taxonomy order. */
export function teamOpportunities(truth: GroundTruth, sizes: readonly number[] = [2, 3]): TeamOpportunity[] {
  const combos: number[][] = [];
  const T = truth.technologies.length;
  const grow = (from: number, picked: number[]) => {
    if (sizes.includes(picked.length)) combos.push(picked);
    if (picked.length >= Math.max(...sizes)) return;
    for (let t = from; t < T; t++) grow(t + 1, [...picked, t]);
  };
  grow(0, []);
  combos.sort((a, b) => a.length - b.length);
  return truth.sectors.flatMap((sector) =>
    combos.map((c) => ({ sector, technologies: c.map((t) => truth.technologies[t]!) })),
  );
}

function cellIndices(truth: GroundTruth, opportunity: TeamOpportunity): number[] {
  const s = truth.sectors.indexOf(opportunity.sector);
  const T = truth.technologies.length;
  return opportunity.technologies.map((t) => s * T + truth.technologies.indexOf(t));
}

/** Whether some partner is a true expert (latent ≥ 0.7) in every needed cell on its own. */
export function singleTrueExpertExists(truth: GroundTruth, opportunity: TeamOpportunity): boolean {
  const cells = cellIndices(truth, opportunity);
  const C = truth.sectors.length * truth.technologies.length;
  for (let p = 0; p < truth.partnerIds.length; p++) {
    if (cells.every((c) => truth.expertise[p * C + c]! >= TRUE_EXPERT_THRESHOLD)) return true;
  }
  return false;
}

/** Whether every needed cell has at least one true expert in the whole ecosystem (a covering team can exist). */
export function trueCoverPossible(truth: GroundTruth, opportunity: TeamOpportunity): boolean {
  const cells = cellIndices(truth, opportunity);
  const C = truth.sectors.length * truth.technologies.length;
  return cells.every((c) => {
    for (let p = 0; p < truth.partnerIds.length; p++)
      if (truth.expertise[p * C + c]! >= TRUE_EXPERT_THRESHOLD) return true;
    return false;
  });
}

/** Whether a team (partner generation indices) has a true expert in every needed cell. */
export function coversWithTrueExpertise(
  truth: GroundTruth,
  members: readonly number[],
  opportunity: TeamOpportunity,
): boolean {
  const C = truth.sectors.length * truth.technologies.length;
  return cellIndices(truth, opportunity).every((c) =>
    members.some((p) => truth.expertise[p * C + c]! >= TRUE_EXPERT_THRESHOLD),
  );
}

/**
 * The revenue way to staff a need: per sector × technology cell, the partner with the most won revenue
 * there (deals of the cell's sector listing the technology, any role, converted with `rates`). Returns
 * the top partner index per cell (`s * T + t`), -1 where nobody won anything.
 */
export function topRevenuePerCell(
  truth: GroundTruth,
  deals: readonly Deal[],
  rates: Readonly<Record<string, number>>,
): Int32Array {
  const S = truth.sectors.length;
  const T = truth.technologies.length;
  const C = S * T;
  const P = truth.partnerIds.length;
  const partnerIndex = new Map<string, number>(truth.partnerIds.map((id, i) => [id, i]));
  const sectorIndex = new Map(truth.sectors.map((k, i) => [k, i]));
  const technologyIndex = new Map(truth.technologies.map((k, i) => [k, i]));
  const revenue = new Float64Array(P * C);
  for (const deal of deals) {
    if (!deal.isWon || deal.amount === null || deal.sector === null) continue;
    const s = sectorIndex.get(deal.sector);
    if (s === undefined) continue;
    const value = deal.amount.amount * (rates[deal.amount.currency] ?? 0);
    for (const key of deal.technologies) {
      const t = technologyIndex.get(key);
      if (t === undefined) continue;
      for (const dp of deal.partners) {
        const p = partnerIndex.get(dp.partnerId);
        if (p !== undefined) revenue[p * C + s * T + t] = revenue[p * C + s * T + t]! + value;
      }
    }
  }
  const top = new Int32Array(C).fill(-1);
  for (let c = 0; c < C; c++) {
    let best = 0;
    for (let p = 0; p < P; p++) {
      const r = revenue[p * C + c]!;
      if (r > best) {
        best = r;
        top[c] = p;
      }
    }
  }
  return top;
}

/** The revenue team of an opportunity: the top-revenue partner of each needed cell, without repeats. */
export function revenueTeam(
  truth: GroundTruth,
  topPerCell: Int32Array,
  opportunity: TeamOpportunity,
): number[] {
  const members = cellIndices(truth, opportunity)
    .map((c) => topPerCell[c]!)
    .filter((p) => p >= 0);
  return [...new Set(members)];
}

/** The truth's verdict on one opportunity's teams. */
export interface TeamVerdict {
  /** One partner alone is a true expert in every needed cell. */
  singleTrueExpert: boolean;
  /** The proposed team (partner generation indices) covers every needed cell with true expertise. */
  teamCovers: boolean;
  /** The revenue team does. */
  revenueCovers: boolean;
}

/** Judges a proposed team (null: none) and the revenue team; null when no team at all can cover the need. */
export function judgeTeams(
  truth: GroundTruth,
  topPerCell: Int32Array,
  opportunity: TeamOpportunity,
  team: readonly number[] | null,
): TeamVerdict | null {
  if (!trueCoverPossible(truth, opportunity)) return null;
  return {
    singleTrueExpert: singleTrueExpertExists(truth, opportunity),
    teamCovers: team !== null && coversWithTrueExpertise(truth, team, opportunity),
    revenueCovers: coversWithTrueExpertise(truth, revenueTeam(truth, topPerCell, opportunity), opportunity),
  };
}
