/** Matching: the partners best placed for a customer's sector, technologies and region, each with the reason for its rank. */
import { AtlasError } from '../errors.js';
import type { Partner, PartnerId } from '../model/partner.js';
import { type Match, type Opportunity, OpportunitySchema } from '../model/score-match.js';
import type { ScoringConfig } from '../model/scoring.js';
import type { Taxonomy } from '../model/taxonomy.js';
import { cellLabel } from './explain.js';
import { isExcluded } from './overrides.js';
import { regionNameOf } from './regions.js';
import type { EcosystemScores } from './score-ecosystem.js';

/** What matching reads of a cell score. */
interface CellRead {
  partnerId: PartnerId;
  cell: string;
  score: number;
  confidence: number;
  level: string | null;
  /** An excluded cell (an override took it out of the partner's expertise) is never matched on. */
  override?: { kind: string };
}

export interface MatchInput {
  /** A fresh run (read through its typed arrays, fast) or a stored snapshot's cells. */
  scores: EcosystemScores | { cells: readonly CellRead[] };
  partners: readonly Partner[];
  taxonomy: Taxonomy;
  config: ScoringConfig;
  opportunity: Opportunity;
  /** How many partners to return (default 10). */
  limit?: number;
}

/** Reads only the cells of interest: from the typed arrays of a fresh run, or by filtering a snapshot. */
function readCells(scores: MatchInput['scores'], wanted: Set<string>): CellRead[] {
  if (!('core' in scores))
    return scores.cells.filter((c) => wanted.has(c.cell) && c.override?.kind !== 'exclude');
  const { core } = scores;
  const { table, grid } = core;
  const wantedIndex = new Uint8Array(grid.count);
  for (const key of wanted) {
    const c = grid.indexOf(key);
    if (c >= 0) wantedIndex[c] = 1;
  }
  const ladder = core.config.levels.ladder;
  const out: CellRead[] = [];
  for (let r = 0; r < table.rows; r++) {
    const c = table.cell[r]!;
    if (wantedIndex[c] !== 1 || isExcluded(core, r)) continue;
    out.push({
      partnerId: table.partnerIds[table.partner[r]!]!,
      cell: grid.key(c),
      score: Math.round(core.score[r]! * 10) / 10,
      confidence: Math.round(core.confidence[r]! * 100) / 100,
      level: core.level[r]! < 0 ? null : ladder[core.level[r]!]!.name,
    });
  }
  return out;
}

/**
 * Ranks partners for an opportunity. For each technology asked for, a partner's value is its score in the
 * exact sector × technology cell wherever it has evidence there (however low: adjacent expertise never
 * stands in for proof the partner has), and only without any evidence in the exact cell `adjacentWeight` ×
 * its best score in the sector alone or the technology alone; the match score is the mean over the
 * technologies. Tier `cell`: proven in an exact cell asked for (score ≥ `match.minScore` there); tier
 * `adjacent`: everyone else, kept from `minScore × adjacentWeight`. `cell` first, then within a tier by
 * match score, then confidence, then id.
 *
 * With a region (the customer's: a taxonomy region's key or label, or a partner region as written), ONLY
 * partners of that region are proposed, not merely ranked first: a customer is served from its own region,
 * and `atlas match` without `--region` shows everyone. A partner region and a taxonomy region are the same
 * when the partner's text is the region's key or label, any case ("North America" = `north_america`); each
 * reason then ends with "based in <region>, the customer's region".
 *
 * @example
 * matchPartners({ scores: run, partners, taxonomy, config,
 *   opportunity: { sector: 'healthcare', technologies: ['data_ai'], region: 'EMEA' } });
 */
export function matchPartners(input: MatchInput): Match[] {
  const opportunity = validOpportunity(input.opportunity, input.taxonomy);
  const { config } = input;
  const slots = slotsOf(opportunity);
  const wanted = new Set(slots.flatMap((s) => [s.exact, ...s.adjacent]));
  const regionName = regionNameOf(input.taxonomy);
  const region = regionName(opportunity.region)?.toLowerCase() ?? null;
  const partnerById = new Map<string, Partner>(input.partners.map((p) => [p.id, p]));
  const candidates: Omit<Match, 'rank'>[] = [];
  for (const [partnerId, cells] of cellsByPartner(input.scores, wanted)) {
    const partner = partnerById.get(partnerId);
    const home = regionName(partner?.region);
    if (region !== null && home?.toLowerCase() !== region) continue;
    const candidate = candidateOf(partnerId, partner, cells, slots, input);
    if (region !== null) candidate.reason += `; based in ${home}, the customer's region`;
    const tooWeak =
      candidate.tier === 'adjacent' && candidate.score < config.match.minScore * config.match.adjacentWeight;
    if (!tooWeak) candidates.push(candidate);
  }
  candidates.sort(
    (a, b) =>
      (a.tier === b.tier ? 0 : a.tier === 'cell' ? -1 : 1) ||
      b.score - a.score ||
      b.confidence - a.confidence ||
      (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0),
  );
  return candidates.slice(0, input.limit ?? 10).map((c, i) => ({ rank: i + 1, ...c }));
}

/** The opportunity parsed, with its sector and technologies checked against the taxonomy; throws otherwise. */
export function validOpportunity(opportunity: Opportunity, taxonomy: Taxonomy): Opportunity {
  const parsed = OpportunitySchema.safeParse(opportunity);
  if (!parsed.success) {
    throw new AtlasError('ENGINE_BAD_OPPORTUNITY', parsed.error.issues.map((i) => i.message).join('; '));
  }
  const { sector, technologies } = parsed.data;
  if (sector !== null && !taxonomy.sectors.some((s) => s.key === sector)) {
    throw new AtlasError('ENGINE_UNKNOWN_SECTOR', `unknown sector "${sector}"`, { context: { sector } });
  }
  for (const t of technologies) {
    if (!taxonomy.technologies.some((e) => e.key === t)) {
      throw new AtlasError('ENGINE_UNKNOWN_TECHNOLOGY', `unknown technology "${t}"`, {
        context: { technology: t },
      });
    }
  }
  return parsed.data;
}

/** One slot per technology asked for (or a single one for a sector-only request): its exact and adjacent cells. */
interface Slot {
  exact: string;
  adjacent: string[];
}

function slotsOf({ sector, technologies }: Opportunity): Slot[] {
  if (technologies.length === 0) return [{ exact: `${sector}|*`, adjacent: [] }];
  return technologies.map((t) =>
    sector === null
      ? { exact: `*|${t}`, adjacent: [] }
      : { exact: `${sector}|${t}`, adjacent: [`${sector}|*`, `*|${t}`] },
  );
}

function cellsByPartner(
  scores: MatchInput['scores'],
  wanted: Set<string>,
): Map<PartnerId, Map<string, CellRead>> {
  const byPartner = new Map<PartnerId, Map<string, CellRead>>();
  for (const cell of readCells(scores, wanted)) {
    let cells = byPartner.get(cell.partnerId);
    if (!cells) {
      cells = new Map();
      byPartner.set(cell.partnerId, cells);
    }
    cells.set(cell.cell, cell);
  }
  return byPartner;
}

function asUsed(cell: CellRead, exact: boolean): Match['cells'][number] {
  return { cell: cell.cell, exact, score: cell.score, confidence: cell.confidence, level: cell.level };
}

/** A partner's match over all slots: mean value and confidence, best exact level, cells used, reasons. */
function candidateOf(
  partnerId: PartnerId,
  partner: Partner | undefined,
  cells: Map<string, CellRead>,
  slots: Slot[],
  input: Pick<MatchInput, 'config' | 'taxonomy'>,
): Omit<Match, 'rank'> {
  const { config, taxonomy } = input;
  const { minScore, adjacentWeight } = config.match;
  let total = 0;
  let confidence = 0;
  let exactHits = 0;
  let bestLevelRank = Number.POSITIVE_INFINITY;
  const used: Match['cells'] = [];
  const reasons: string[] = [];
  for (const slot of slots) {
    const exact = cells.get(slot.exact);
    const adjacent = bestAdjacent(cells, slot);
    if (exact) used.push(asUsed(exact, true));
    if (adjacent) used.push(asUsed(adjacent, false));
    if (exact) {
      if (exact.score >= minScore) exactHits++;
      if (exact.level) {
        const rank = config.levels.ladder.findIndex((l) => l.name === exact.level);
        if (rank >= 0 && rank < bestLevelRank) bestLevelRank = rank;
      }
      // Evidence in the exact cell is what counts there, even when half an adjacent score would be more.
      total += exact.score;
      confidence += exact.confidence;
      reasons.push(
        `${cellLabel(exact.cell, taxonomy)}${exact.level ? ` — ${exact.level}` : ''}: score ${exact.score} (confidence ${exact.confidence})${exact.score >= minScore ? '' : `, below the ${minScore} of a proven partner`}`,
      );
    } else if (adjacent) {
      total += adjacent.score * adjacentWeight;
      confidence += adjacent.confidence;
      reasons.push(
        `no evidence in ${cellLabel(slot.exact, taxonomy)}; ${cellLabel(adjacent.cell, taxonomy)}${adjacent.level ? ` — ${adjacent.level}` : ''}: score ${adjacent.score} × ${adjacentWeight} (adjacent)`,
      );
    } else {
      reasons.push(`nothing in ${cellLabel(slot.exact, taxonomy)}`);
    }
  }
  return {
    partnerId,
    name: partner?.name ?? null,
    region: partner?.region ?? null,
    tier: exactHits > 0 ? 'cell' : 'adjacent',
    score: Math.round((total / slots.length) * 10) / 10,
    confidence: Math.round((confidence / slots.length) * 100) / 100,
    level: config.levels.ladder[bestLevelRank]?.name ?? null,
    reason: reasons.join('; '),
    cells: used,
  };
}

/** The partner's best-scoring adjacent cell of a slot (the sector alone or the technology alone). */
function bestAdjacent(cells: Map<string, CellRead>, slot: Slot): CellRead | undefined {
  let adjacent: CellRead | undefined;
  for (const key of slot.adjacent) {
    const c = cells.get(key);
    if (c && (!adjacent || c.score > adjacent.score)) adjacent = c;
  }
  return adjacent;
}
