import type { Deal } from '../model/deal.js';
import type { Partner, PartnerId } from '../model/partner.js';
import type { Opportunity } from '../model/score-match.js';
import type { OpportunityMatch, Team, TeamCell } from '../model/score-teams.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { cellLabel } from './explain.js';
import { matchPartners, validOpportunity } from './match.js';
import type { TeamEntry, TeamIndex, TeamScores } from './team-cells.js';
import { compareIds, coverLevelIndex, holds, levelName, readTeamCells } from './team-cells.js';
import { type CoDeliveryIndex, indexCoDelivery, sharedWonDeals } from './team-co-delivery.js';
import { count } from './words.js';

/** Candidates kept per needed cell: the K best there. Teams are built from their union, so the search stays tiny at any ecosystem size. */
export const TEAM_CANDIDATES_PER_CELL = 8;
/** Teams returned by default. */
export const TEAMS_RETURNED = 5;
/**
 * Need scores are compared in steps of this many points when ranking teams and, within a step, teams
 * whose members already co-delivered won deals come first. Five points is about a third of the gap
 * between two levels' minimum scores (55 → 70) and above what one more deal moves a seasoned score:
 * a working relationship decides between teams the scores cannot tell apart, and never buys a weaker
 * member (an additive bonus would: measured on the generator's ground truth, a 2-point bonus on the
 * weakest need cost 5–7 points of true-expertise cover, by swapping a Specialist for a co-delivering
 * Proven partner in a need that was not the weakest).
 */
export const TEAM_SCORE_STEP = 5;
export interface TeamOptions {
  /** Candidates per needed cell (default TEAM_CANDIDATES_PER_CELL). */
  perCell?: number;
  /** Largest team, 2 or 3 (default 3). */
  maxSize?: 2 | 3;
  /** Teams returned (default TEAMS_RETURNED). */
  limit?: number;
  /** Level a member must hold in a needed cell for the team to count it covered (default: the ladder's second rung). */
  coverLevel?: string;
  /** See TEAM_SCORE_STEP (0: exact scores, co-delivery only breaks exact ties). */
  scoreStep?: number;
}

/** What every teaming function reads besides its own options: scores, partners and, for co-delivery, deals. */
export interface TeamingInput<Scores extends TeamScores = TeamScores> {
  scores: Scores;
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  /** Deals for co-delivery (default: the fresh run's input deals; none for a snapshot). */
  deals?: readonly Deal[];
  /** A prebuilt co-delivery index (saves re-reading the deals on every request). */
  coDelivery?: CoDeliveryIndex;
}

export interface TeamMatchInput extends TeamingInput {
  opportunity: Opportunity;
  options?: TeamOptions;
}

/**
 * The cells an opportunity needs: one sector × technology cell per technology, the technology alone
 * without a sector, the sector alone without technologies. Throws on unknown keys.
 */
export function neededCells(opportunity: Opportunity, taxonomy: Taxonomy): string[] {
  const { sector, technologies } = validOpportunity(opportunity, taxonomy);
  if (technologies.length === 0) return [`${sector}|*`];
  return [...new Set(technologies)].map((t) => `${sector ?? '*'}|${t}`);
}

/** The co-delivery index to rank with: given, or built from the given deals or the fresh run's. */
export function coDeliveryFor(
  scores: TeamScores,
  partners: readonly Partner[],
  deals?: readonly Deal[],
  given?: CoDeliveryIndex,
): CoDeliveryIndex {
  if (given) return given;
  const source = deals ?? ('core' in scores ? scores.core.input.deals : []);
  return indexCoDelivery(source, new Set(partners.map((p) => p.id)));
}

function regionFilter(partners: readonly Partner[], region: string | null | undefined) {
  if (region === null || region === undefined) return () => true;
  const wanted = region.toLowerCase();
  const inRegion = new Set(
    partners.filter((p) => (p.region ?? '').toLowerCase() === wanted).map((p) => p.id as string),
  );
  return (id: string) => inRegion.has(id);
}

function describeCell(index: TeamIndex, e: TeamEntry, taxonomy: Taxonomy): string {
  const level = levelName(index, e);
  return `${cellLabel(e.cell, taxonomy)}${level ? ` — ${level}` : ''}: score ${e.score} (confidence ${e.confidence})`;
}

function teamCell(index: TeamIndex, e: TeamEntry, taxonomy: Taxonomy): TeamCell {
  return {
    cell: e.cell,
    label: cellLabel(e.cell, taxonomy),
    score: e.score,
    confidence: e.confidence,
    level: levelName(index, e),
  };
}

/**
 * The best teams of 2–3 partners for an opportunity, ranked by their weakest need (max over members,
 * min over needed cells): a team is as good as the need it covers worst.
 *
 * - Candidates: per needed cell, the `perCell` best partners with a score of at least `match.minScore`
 *   there (the threshold matchPartners calls "proven there"), in the opportunity's region if one is given.
 * - A team is listed only when every needed cell has a member at `match.minScore` or above, and every
 *   member is the team's best in at least one needed cell (no passengers).
 * - `coversAll`: every needed cell has a member holding at least the cover level (default: the ladder's
 *   second rung, Proven) in that exact cell. Covering teams come first.
 * - Then leximin on need scores in steps of `scoreStep` points: the weakest need first, then the next
 *   weakest...; among teams equal at that grain, teams whose members already shared won deals first (by the
 *   share of member pairs that did, then the deals), then exact leximin, the smaller team, ids.
 *
 * @example
 * matchTeams({ scores: run, partners, taxonomy, config,
 *   opportunity: { sector: 'healthcare', technologies: ['data_ai', 'security'] } });
 */
export function matchTeams(input: TeamMatchInput): Team[] {
  const needs = neededCells(input.opportunity, input.taxonomy);
  if (needs.length < 2) return []; // one need: a team is never better than its best member
  return teamsOf(
    input,
    needs,
    readTeamCells(input.scores, input.config, new Set(needs), readFloor(input.config)),
  );
}

/**
 * Scores below this are never used here: teams need `match.minScore`, a single cover the top level
 * (held from its `keep` minimum score). Skipping the rest keeps a request from building an entry per partner.
 */
function readFloor(config: ScoringConfig): number {
  return Math.min(config.match.minScore, config.levels.ladder[0]!.keep.minScore);
}

/** Whether one partner (in the opportunity's region, if any) holds the ladder's top level in every needed cell. */
export function coveredBySinglePartner(
  input: Pick<TeamMatchInput, 'scores' | 'partners' | 'taxonomy' | 'config' | 'opportunity'>,
): boolean {
  const needs = neededCells(input.opportunity, input.taxonomy);
  return singleCover(
    input,
    needs,
    readTeamCells(input.scores, input.config, new Set(needs), readFloor(input.config)),
  );
}

function singleCover(
  input: Pick<TeamMatchInput, 'partners' | 'opportunity'>,
  needs: string[],
  index: TeamIndex,
): boolean {
  const allowed = regionFilter(input.partners, input.opportunity.region);
  for (const [id, cells] of index.byPartner) {
    if (allowed(id) && needs.every((cell) => holds(cells.get(cell), 0))) return true;
  }
  return false;
}

/** The search for teams among the pool's members: what each can bring to each need, and who worked together. */
interface TeamSearch {
  needs: string[];
  /** The candidate pool, ordered by id for stable tie-breaks; teams hold indices into it. */
  members: PartnerId[];
  /** values[m * needs.length + n]: member m's entry in need n when it scores at least minScore there. */
  values: (TeamEntry | undefined)[];
  /** shared[a * members.length + b]: won deals members a and b delivered together. */
  shared: Int32Array;
  coverIndex: number;
}

/** A team that covers every need, with what ranks it. */
interface Candidate {
  team: number[];
  /** Per need, the member that brings it (the team's best there). */
  best: number[];
  /** Need scores, weakest first. */
  sorted: number[];
  weakest: number;
  coversAll: boolean;
  coDeals: number;
  coShare: number;
  key: string;
}

/** matchTeams over cells already read. */
function teamsOf(input: TeamMatchInput, needs: string[], index: TeamIndex): Team[] {
  const { options = {} } = input;
  const maxSize = options.maxSize ?? 3;
  const search = teamSearch(input, needs, index);
  const M = search.members.length;
  const found: Candidate[] = [];
  const consider = (team: number[]) => {
    const candidate = candidateOf(search, team);
    if (candidate) found.push(candidate);
  };
  for (let a = 0; a < M; a++) {
    for (let b = a + 1; b < M; b++) {
      consider([a, b]);
      if (maxSize >= 3) for (let c = b + 1; c < M; c++) consider([a, b, c]);
    }
  }
  found.sort(compareCandidates(needs.length, options.scoreStep ?? TEAM_SCORE_STEP));
  const partnerById = new Map<string, Partner>(input.partners.map((p) => [p.id, p]));
  return found
    .slice(0, options.limit ?? TEAMS_RETURNED)
    .map((t, i) => toTeam(search, t, i + 1, { index, partnerById, taxonomy: input.taxonomy }));
}

/** The pool (each needed cell's `perCell` best in the region), their entries per need and shared won deals. */
function teamSearch(input: TeamMatchInput, needs: string[], index: TeamIndex): TeamSearch {
  const { config, options = {} } = input;
  const perCell = options.perCell ?? TEAM_CANDIDATES_PER_CELL;
  const minScore = config.match.minScore;
  const allowed = regionFilter(input.partners, input.opportunity.region);
  const pool = new Set<PartnerId>();
  for (const cell of needs) {
    let kept = 0;
    for (const e of index.byCell.get(cell) ?? []) {
      if (kept >= perCell || e.score < minScore) break;
      if (!allowed(e.partnerId)) continue;
      pool.add(e.partnerId);
      kept++;
    }
  }
  const members = [...pool].sort(compareIds);
  const N = needs.length;
  const values: (TeamEntry | undefined)[] = new Array(members.length * N);
  members.forEach((id, m) => {
    const cells = index.byPartner.get(id);
    needs.forEach((cell, n) => {
      const e = cells?.get(cell);
      values[m * N + n] = e !== undefined && e.score >= minScore ? e : undefined;
    });
  });
  const co = coDeliveryFor(input.scores, input.partners, input.deals, input.coDelivery);
  return {
    needs,
    members,
    values,
    shared: sharedDeals(co, members),
    coverIndex: coverLevelIndex(config, options.coverLevel),
  };
}

/** Won deals shared by each pair of pool members, looked up once. */
function sharedDeals(co: CoDeliveryIndex, members: PartnerId[]): Int32Array {
  const M = members.length;
  const shared = new Int32Array(M * M);
  for (let a = 0; a < M; a++) {
    for (let b = a + 1; b < M; b++) {
      const n = sharedWonDeals(co, members[a]!, members[b]!);
      shared[a * M + b] = n;
      shared[b * M + a] = n;
    }
  }
  return shared;
}

/** A team as a candidate; null when a need has nobody proven in it, or a member brings nothing (a passenger). */
function candidateOf(search: TeamSearch, team: number[]): Candidate | null {
  const { values, members, shared } = search;
  const N = search.needs.length;
  const M = members.length;
  const best: number[] = [];
  const scores: number[] = [];
  let coversAll = true;
  for (let n = 0; n < N; n++) {
    let b = -1;
    for (const m of team) {
      const e = values[m * N + n];
      if (e && (b < 0 || e.score > values[b * N + n]!.score)) b = m;
    }
    if (b < 0) return null;
    const e = values[b * N + n]!;
    best.push(b);
    scores.push(e.score);
    if (!holds(e, search.coverIndex)) coversAll = false;
  }
  if (team.some((m) => !best.includes(m))) return null;
  let wonDeals = 0;
  let pairsWith = 0;
  for (let i = 0; i < team.length; i++) {
    for (let j = i + 1; j < team.length; j++) {
      const n = shared[team[i]! * M + team[j]!]!;
      wonDeals += n;
      if (n > 0) pairsWith++;
    }
  }
  const sorted = scores.sort((x, y) => x - y);
  return {
    team,
    best,
    sorted,
    weakest: sorted[0]!,
    coversAll,
    coDeals: wonDeals,
    coShare: pairsWith / ((team.length * (team.length - 1)) / 2),
    key: team.map((m) => members[m]!).join(' '),
  };
}

/** The ranking of teams described at matchTeams, over `needs` needs and in steps of `step` points. */
function compareCandidates(needs: number, step: number): (x: Candidate, y: Candidate) => number {
  const bucket = (score: number) => (step > 0 ? Math.floor(score / step) : score);
  /** Leximin: the weakest need first, then the next weakest, and so on. */
  const leximin = (x: number[], y: number[], of: (score: number) => number) => {
    for (let n = 0; n < needs; n++) {
      const d = of(y[n]!) - of(x[n]!);
      if (d !== 0) return d;
    }
    return 0;
  };
  return (x, y) =>
    Number(y.coversAll) - Number(x.coversAll) ||
    leximin(x.sorted, y.sorted, bucket) ||
    y.coShare - x.coShare ||
    y.coDeals - x.coDeals ||
    leximin(x.sorted, y.sorted, (v) => v) ||
    x.team.length - y.team.length ||
    compareIds(x.key, y.key);
}

/** A ranked candidate as the model's Team: its members with what each brings, its needs and the reason. */
function toTeam(
  search: TeamSearch,
  t: Candidate,
  rank: number,
  ctx: { index: TeamIndex; partnerById: Map<string, Partner>; taxonomy: Taxonomy },
): Team {
  const { index, partnerById, taxonomy } = ctx;
  const { needs, members, values, coverIndex } = search;
  const N = needs.length;
  const teamMembers = t.team.map((m) => {
    const id = members[m]!;
    const partner = partnerById.get(id);
    const brings = needs.flatMap((_, n) => (t.best[n] === m ? [values[m * N + n]!] : []));
    return {
      partnerId: id,
      name: partner?.name ?? null,
      region: partner?.region ?? null,
      brings: brings.map((e) => teamCell(index, e, taxonomy)),
      reason: `brings ${brings.map((e) => describeCell(index, e, taxonomy)).join('; ')}`,
    };
  });
  const needRows = needs.map((cell, n) => {
    const e = values[t.best[n]! * N + n]!;
    return {
      cell,
      label: cellLabel(cell, taxonomy),
      partnerId: e.partnerId,
      score: e.score,
      level: levelName(index, e),
      covered: holds(e, coverIndex),
    };
  });
  return {
    rank,
    members: teamMembers,
    needs: needRows,
    weakestScore: t.weakest,
    coversAll: t.coversAll,
    coDelivered: t.coDeals > 0,
    coDeliveredWonDeals: t.coDeals,
    reason: teamReason(needRows, t.coDeals, index.ladder[coverIndex]!.name, partnerById),
  };
}

/** Why a team: its weakest need and who brings it, whether every need is at the cover level, shared deals. */
function teamReason(
  needRows: Team['needs'],
  coDeals: number,
  coverName: string,
  partnerById: Map<string, Partner>,
): string {
  const weakestNeed = needRows.reduce((w, r) => (r.score < w.score ? r : w));
  const nameOf = (id: string) => partnerById.get(id)?.name ?? id;
  const uncovered = needRows.filter((r) => !r.covered).map((r) => r.label);
  const reasons = [
    `weakest need ${weakestNeed.label} at ${weakestNeed.score}${weakestNeed.level ? ` (${weakestNeed.level})` : ''} by ${nameOf(weakestNeed.partnerId)}`,
    uncovered.length > 0
      ? `below ${coverName} in ${uncovered.join(', ')}`
      : `every need at ${coverName} or above`,
  ];
  if (coDeals > 0) reasons.push(`already co-delivered ${count(coDeals, 'won deal', 'won deals')}`);
  return reasons.join('; ');
}

/**
 * What `atlas match`, the API's match route and the Match page call: the single partners ranked by
 * matchPartners and, when no single partner (in the region, if given) holds the top level of the ladder
 * in every needed cell, the best teams from matchTeams.
 *
 * @example
 * const { partners, teams, coveredBySingle } = matchOpportunity({ scores: run, partners, taxonomy, config,
 *   opportunity: { sector: 'retail', technologies: ['crm', 'data_ai'], region: 'EMEA' } });
 */
export function matchOpportunity(input: TeamMatchInput & { limit?: number }): OpportunityMatch {
  const needs = neededCells(input.opportunity, input.taxonomy);
  const partners = matchPartners({
    scores: input.scores,
    partners: input.partners,
    taxonomy: input.taxonomy,
    config: input.config,
    opportunity: input.opportunity,
    ...(input.limit === undefined ? {} : { limit: input.limit }),
  });
  const index = readTeamCells(input.scores, input.config, new Set(needs), readFloor(input.config));
  const coveredBySingle = singleCover(input, needs, index);
  return {
    needs,
    topLevel: input.config.levels.ladder[0]!.name,
    partners,
    teams: coveredBySingle || needs.length < 2 ? [] : teamsOf(input, needs, index),
    coveredBySingle,
  };
}
