import type { TeammateSuggestion } from '../model/score-teams.js';
import { NO_LEVEL } from './levels.js';
import { compareIds, coverLevelIndex, readTeamRows } from './team-cells.js';
import { sharedWonDeals } from './team-co-delivery.js';
import { coDeliveryFor, TEAM_SCORE_STEP, type TeamingInput } from './team-match.js';

/** Teammates suggested per partner: what fits a CRM field and a partner manager's attention. */
export const TEAMMATES_PER_PARTNER = 3;
/** Providers considered per sector × technology cell: the best few, which keeps the nightly run linear. */
export const TEAMMATE_PROVIDERS_PER_CELL = 5;

export interface SuggestTeammatesInput extends TeamingInput {
  options?: {
    limit?: number;
    perCell?: number;
    /** Level a teammate must hold in a cell to bring it, and at which the partner counts as having it (default: second rung). */
    coverLevel?: string;
    /** See TEAM_SCORE_STEP. */
    scoreStep?: number;
  };
}

/**
 * For every partner (input order), up to `limit` complementary partners. The partner's sectors are the
 * sectors where it holds any level (in the sector or in one of its sector × technology cells). A teammate
 * complements it when it holds at least the cover level in a sector × technology cell of those sectors
 * that the partner does not hold at that level: the shape of a customer need (one sector, several
 * technologies) the two could serve together. Only the `perCell` best holders of each cell are
 * considered. A teammate's score is the sum of its scores in the cells it brings; teammates are ranked by
 * it in steps of `scoreStep` points, the ones that already shared won deals with the partner first within
 * a step, then by exact score and id. A partner with no level anywhere gets none. Linear in the number of
 * cell scores: one pass to find each cell's providers, one pass over each partner's own rows.
 *
 * @example
 * const suggestions = suggestTeammates({ scores: run, partners, taxonomy, config });
 * suggestions[0].teammates.map((t) => t.name); // ["Nordlicht Data", "Helix Security"]
 */
export function suggestTeammates(input: SuggestTeammatesInput): TeammateSuggestion[] {
  const { taxonomy, config, options = {} } = input;
  const limit = options.limit ?? TEAMMATES_PER_PARTNER;
  const K = options.perCell ?? TEAMMATE_PROVIDERS_PER_CELL;
  const step = options.scoreStep ?? TEAM_SCORE_STEP;
  const bucket = (score: number) => (step > 0 ? Math.floor(score / step) : score);
  const cover = coverLevelIndex(config, options.coverLevel);
  const rows = readTeamRows(input.scores, config, taxonomy);
  const { grid, partnerIds, rowStart, cell, level, score } = rows;
  const co = coDeliveryFor(input.scores, input.partners, input.deals, input.coDelivery);
  const names = new Map<string, string>(input.partners.map((p) => [p.id, p.name]));
  const S = grid.sectors;
  const T = grid.technologies;
  const pairs = S * T;

  // Providers of each pair cell: the K best rows holding the cover level (score desc, then partner id).
  const providers = new Int32Array(pairs * K).fill(-1);
  const providerOf = new Int32Array(pairs * K); // partner index of each provider row
  const better = (a: number, pa: number, b: number, pb: number) =>
    score[a]! > score[b]! || (score[a] === score[b] && partnerIds[pa]! < partnerIds[pb]!);
  const P = partnerIds.length;
  for (let p = 0; p < P; p++) {
    if (rows.partnerIndex.get(partnerIds[p]!) !== p) continue; // a repeated id: its first rows only
    for (let r = rowStart[p]!; r < rowStart[p + 1]!; r++) {
      const c = cell[r]!;
      const l = level[r]!;
      if (c >= pairs || l === NO_LEVEL || l > cover) continue;
      const at = c * K;
      if (providers[at + K - 1]! >= 0 && !better(r, p, providers[at + K - 1]!, providerOf[at + K - 1]!))
        continue;
      let i = K - 1;
      while (
        i > 0 &&
        (providers[at + i - 1]! < 0 || better(r, p, providers[at + i - 1]!, providerOf[at + i - 1]!))
      ) {
        providers[at + i] = providers[at + i - 1]!;
        providerOf[at + i] = providerOf[at + i - 1]!;
        i--;
      }
      providers[at + i] = r;
      providerOf[at + i] = p;
    }
  }

  const covered = new Uint8Array(pairs);
  const active = new Uint8Array(S);
  // Per-partner scratch, reused: the gain of each touched teammate (stamped with the partner's index).
  const stamp = new Int32Array(P).fill(-1);
  const gain = new Float64Array(P);
  const coDeals = new Int32Array(P);
  const touched: number[] = [];
  return input.partners.map((partner) => {
    const p = rows.partnerIndex.get(partner.id);
    if (p === undefined) return { partnerId: partner.id, teammates: [] };
    covered.fill(0);
    active.fill(0);
    for (let r = rowStart[p]!; r < rowStart[p + 1]!; r++) {
      const c = cell[r]!;
      const l = level[r]!;
      if (l === NO_LEVEL) continue;
      const s = grid.sectorOf(c);
      if (s >= 0) active[s] = 1;
      if (c < pairs && l <= cover) covered[c] = 1;
    }
    touched.length = 0;
    const brought = (c: number) => active[grid.sectorOf(c)] === 1 && covered[c] !== 1;
    for (let c = 0; c < pairs; c++) {
      if (!brought(c)) continue;
      for (let k = 0; k < K; k++) {
        const r = providers[c * K + k]!;
        if (r < 0) break;
        const q = providerOf[c * K + k]!;
        if (q === p) continue;
        if (stamp[q] !== p) {
          stamp[q] = p;
          gain[q] = 0;
          touched.push(q);
        }
        gain[q] = gain[q]! + score[r]!;
      }
    }
    if (touched.length === 0) return { partnerId: partner.id, teammates: [] };
    // Co-delivery is looked up only for the partner's known co-delivery partners (most have none).
    const coPartners = co.teammatesOf.get(partner.id);
    for (const q of touched) {
      coDeals[q] = coPartners?.has(partnerIds[q]!) ? sharedWonDeals(co, partner.id, partnerIds[q]!) : 0;
      gain[q] = Math.round(gain[q]! * 10) / 10;
    }
    touched.sort(
      (a, b) =>
        bucket(gain[b]!) - bucket(gain[a]!) ||
        coDeals[b]! - coDeals[a]! ||
        gain[b]! - gain[a]! ||
        compareIds(partnerIds[a]!, partnerIds[b]!),
    );
    const teammates = touched.slice(0, limit).map((q) => {
      const cells: string[] = [];
      for (let c = 0; c < pairs; c++) {
        if (!brought(c)) continue;
        for (let k = 0; k < K && providers[c * K + k]! >= 0; k++) {
          if (providerOf[c * K + k] === q) cells.push(grid.key(c));
        }
      }
      const id = partnerIds[q]!;
      return {
        partnerId: id,
        name: names.get(id) ?? null,
        cells,
        score: gain[q]!,
        coDeliveredWonDeals: coDeals[q]!,
      };
    });
    return { partnerId: partner.id, teammates };
  });
}
