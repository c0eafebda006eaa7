import type { Partner, PartnerId } from '../model/partner.js';
import type { GapCandidate, GapFill, GapTeam } from '../model/score-gaps.js';
import type { EcosystemMap } from '../model/score-map.js';
import { cellLabel, describeMissing } from './explain.js';
import { missingEvidence } from './levels.js';
import type { TeamEntry, TeamIndex, TeamScores } from './team-cells.js';
import { compareIds, coverLevelIndex, holds, levelName, readTeamCells } from './team-cells.js';
import { sharedWonDeals } from './team-co-delivery.js';
import { coDeliveryFor, TEAM_SCORE_STEP, type TeamingInput } from './team-match.js';
import { count } from './words.js';

/** Partners listed per gap cell as closest to the top level. */
export const GAP_CLOSEST = 5;
/** Split teams listed per gap cell. */
export const GAP_TEAMS = 3;
/** Best partners per side (sector, technology) combined into split teams. */
export const GAP_CANDIDATES_PER_SIDE = 6;

/** `scores`: a fresh run, or a snapshot's cells and map. */
export interface GapFillInput extends TeamingInput<TeamScores & { map: EcosystemMap }> {
  options?: {
    closest?: number;
    teams?: number;
    perSide?: number;
    /** Level each side of a split team must hold in its cell (default: the ladder's second rung). */
    coverLevel?: string;
    /** See TEAM_SCORE_STEP. */
    scoreStep?: number;
  };
}

/**
 * How far an entry is from the top level's promote minimums: the sum over minimums of the missing share
 * (0 = every minimum met; 1 = one minimum entirely missing). Counts and score weigh alike, as shares.
 */
function shortfall(e: TeamEntry, index: TeamIndex): number {
  const req = index.ladder[0]!.promote;
  const share = (have: number, need: number) => (need > 0 ? Math.max(0, need - have) / need : 0);
  return (
    share(e.score, req.minScore) +
    share(e.wonCustomers, req.minWonCustomers) +
    share(e.certifiedPeople, req.minCertifiedPeople)
  );
}

/**
 * For every cell flagged `gap` on the map (too little qualified capacity for its demand):
 *
 * - `closest`: partners with evidence there that do not hold the top level yet, least short of the top
 *   level's promote minimums first (shortfall = sum of missing shares of score, won customers and
 *   certified people), each with what it is missing in words (describeMissing).
 * - `teams` (sector × technology cells only): **split teams**. A pair cell `s|t` is covered by a split
 *   team when one member (the sector side) holds at least the cover level in the sector `s|*` — it knows
 *   these customers, from deals with other technologies — and another member (the technology side) holds
 *   at least the cover level in the technology `*|t` — it knows the technology, from other sectors — and
 *   neither holds the cover level in `s|t` itself (those already count as the cell's capacity). No member
 *   has proven the exact combination, so this is a proposal for a partner manager, not capacity the map
 *   counts. Ranked by the weaker side's score in steps of `scoreStep` points, pairs that already shared
 *   won deals first within a step, then the exact score. Sector and technology gap cells get no teams: two partners do not widen a whole sector.
 */
export function fillGaps(input: GapFillInput): GapFill[] {
  const { taxonomy, config, options = {} } = input;
  const gaps = input.scores.map.cells.filter((c) => c.flags.includes('gap'));
  if (gaps.length === 0) return [];
  const coverIndex = coverLevelIndex(config, options.coverLevel);
  const closestN = options.closest ?? GAP_CLOSEST;
  const teamsN = options.teams ?? GAP_TEAMS;
  const perSide = options.perSide ?? GAP_CANDIDATES_PER_SIDE;
  const step = options.scoreStep ?? TEAM_SCORE_STEP;
  const bucket = (score: number) => (step > 0 ? Math.floor(score / step) : score);
  const gapCells = new Set<string>();
  const sideCells = new Set<string>();
  for (const gap of gaps) {
    gapCells.add(gap.cell);
    const [s = '*', t = '*'] = gap.cell.split('|');
    if (s !== '*' && t !== '*') {
      sideCells.add(`${s}|*`);
      sideCells.add(`*|${t}`);
    }
  }
  // Every partner of a gap cell may be among the closest; a side needs the cover level, held from its
  // `keep` minimum score (sector and technology cells hold most rows: reading only those is the saving).
  const index = readTeamCells(input.scores, config, gapCells);
  const sides = readTeamCells(
    input.scores,
    config,
    sideCells,
    config.levels.ladder[coverIndex]!.keep.minScore,
  );
  const partnerById = new Map<string, Partner>(input.partners.map((p) => [p.id, p]));
  const co = coDeliveryFor(input.scores, input.partners, input.deals, input.coDelivery);
  const topName = index.ladder[0]!.name;

  return gaps.map((gap) => {
    const entries = index.byCell.get(gap.cell) ?? [];
    const closest: GapCandidate[] = entries
      .filter((e) => e.level !== 0)
      .map((e) => ({ e, short: shortfall(e, index) }))
      .sort((x, y) => x.short - y.short || y.e.score - x.e.score || compareIds(x.e.partnerId, y.e.partnerId))
      .slice(0, closestN)
      .map(({ e }) => {
        const missing = missingEvidence(e, index.ladder[0]!.promote);
        const partner = partnerById.get(e.partnerId);
        return {
          partnerId: e.partnerId,
          name: partner?.name ?? null,
          region: partner?.region ?? null,
          level: levelName(index, e),
          score: e.score,
          confidence: e.confidence,
          missing,
          summary: describeMissing({ level: topName, missing }, gap.cell, taxonomy),
        };
      });

    const teams: GapTeam[] = [];
    const [s = '*', t = '*'] = gap.cell.split('|');
    if (s !== '*' && t !== '*') {
      const provenInCell = (id: PartnerId) => holds(index.byPartner.get(id)?.get(gap.cell), coverIndex);
      const side = (cell: string) =>
        (sides.byCell.get(cell) ?? [])
          .filter((e) => holds(e, coverIndex) && !provenInCell(e.partnerId))
          .slice(0, perSide);
      const sectorSide = side(`${s}|*`);
      const technologySide = side(`*|${t}`);
      const pairs: { a: TeamEntry; b: TeamEntry; weakest: number; co: number }[] = [];
      for (const a of sectorSide) {
        for (const b of technologySide) {
          if (a.partnerId === b.partnerId) continue;
          const shared = sharedWonDeals(co, a.partnerId, b.partnerId);
          const weakest = Math.min(a.score, b.score);
          pairs.push({ a, b, weakest, co: shared });
        }
      }
      pairs.sort(
        (x, y) =>
          bucket(y.weakest) - bucket(x.weakest) ||
          y.co - x.co ||
          y.weakest - x.weakest ||
          compareIds(x.a.partnerId, y.a.partnerId) ||
          compareIds(x.b.partnerId, y.b.partnerId),
      );
      const sideOf = (e: TeamEntry) => ({
        partnerId: e.partnerId,
        name: partnerById.get(e.partnerId)?.name ?? null,
        cell: e.cell,
        score: e.score,
        level: levelName(index, e) ?? '',
      });
      for (const p of pairs.slice(0, teamsN)) {
        const nameOf = (e: TeamEntry) => partnerById.get(e.partnerId)?.name ?? e.partnerId;
        teams.push({
          sectorSide: sideOf(p.a),
          technologySide: sideOf(p.b),
          weakestScore: p.weakest,
          coDeliveredWonDeals: p.co,
          reason:
            `${nameOf(p.a)} knows ${cellLabel(p.a.cell, taxonomy)} customers (${levelName(index, p.a)}, score ${p.a.score}), ` +
            `${nameOf(p.b)} knows ${cellLabel(p.b.cell, taxonomy)} (${levelName(index, p.b)}, score ${p.b.score}); ` +
            `neither has proven ${cellLabel(gap.cell, taxonomy)} yet` +
            (p.co > 0 ? `; already co-delivered ${count(p.co, 'won deal', 'won deals')}` : ''),
        });
      }
    }
    return {
      cell: gap.cell,
      kind: gap.kind,
      label: cellLabel(gap.cell, taxonomy),
      demand: gap.demand,
      capacity: gap.capacity,
      coverage: gap.coverage,
      closest,
      teams,
    };
  });
}
