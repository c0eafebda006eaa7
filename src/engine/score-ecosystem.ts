/** The engine's entry point: scores every partner in every cell and returns cells, partners (segments, needs) and the map. */
import type { CellOverride, CellScore, MissingEvidence, NextLevel } from '../model/score-cell.js';
import type { PreviousLevel } from '../model/score-levels.js';
import type { PartnerScore, ScoreSnapshot } from '../model/score-snapshot.js';
import { buildEcosystemMap, type MapOptions } from './ecosystem-map.js';
import { topEvidence } from './explain.js';
import { NO_LEVEL, nextAxisLevel, nextLevel, round1 } from './levels.js';
import { diagnoseNeeds } from './needs.js';
import { isExcluded } from './overrides.js';
import { computeScores, rowScore, type ScoreCore, type ScoreInput } from './score-core.js';
import { partnerSegments, segmentLabels } from './segments.js';
import { type PartnerTops, partnerTopEvidence } from './top-evidence.js';

const round2 = (x: number) => Math.round(x * 100) / 100;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A scoring run. The small parts are plain data; the cell scores (one per partner and cell with
 * evidence — millions for a large ecosystem) are materialised on demand, in a stable order, so a caller
 * can stream them to a store without holding them all. `toSnapshot()` gives everything as one plain,
 * JSON-serialisable object.
 */
export interface EcosystemScores extends Omit<ScoreSnapshot, 'cells'> {
  /** Number of cell scores. */
  cellCount: number;
  /** Every cell score, sorted by partner id, then cell key. */
  cells(): Generator<CellScore>;
  /** The cell scores of one partner, sorted by cell key ([] for an unknown partner). */
  cellsOf(partnerId: string): CellScore[];
  /** The levels held, for the next run's hysteresis (`previous`). */
  levels(): PreviousLevel[];
  /** Every cell whose level an override or a demotion hold decided, by partner id then cell key. */
  overridden(): AppliedOverride[];
  /** The demotions held for review this run (`review.demotions`), by partner id then cell key. */
  heldDemotions(): HeldDemotion[];
  /** The whole run as one plain object. */
  toSnapshot(): ScoreSnapshot;
  /** The numeric core (typed arrays), for simulation and analysis. */
  core: ScoreCore;
}

/** A cell whose level an override or hold decided: the level it holds and what its evidence alone gives. */
export interface AppliedOverride {
  partnerId: string;
  cell: string;
  kind: CellOverride['kind'];
  level: string | null;
  computedLevel: string | null;
}

/** A demotion held for review: the level kept and the one the evidence gives (null: no level). */
export interface HeldDemotion {
  partnerId: string;
  cell: string;
  fromLevel: string;
  toLevel: string | null;
}

const levelName = (core: ScoreCore, level: number) =>
  level === NO_LEVEL ? null : core.config.levels.ladder[level]!.name;

/** Share of a component's full points below which it can still visibly raise the score. */
const ROOM = 0.9;

type Lever = NonNullable<MissingEvidence['levers']>[number];

/**
 * The kinds of evidence that can still raise row `row`'s score: each weighted component short of its full
 * points; a perfect but young win rate is firmed up by more wins, not bettered.
 */
function scoreLevers(core: ScoreCore, row: number, value: ReturnType<typeof rowScore>): Lever[] {
  const { table } = core;
  const weights = core.cellPriors[table.cell[row]!]!.weights;
  const short = (points: number, weight: number) => weight > 0 && points < ROOM * 100 * weight;
  const closed = table.closedDeals[row]!;
  const levers: Lever[] = [];
  if (short(value.winRate, weights.winRate))
    levers.push(closed > 0 && table.wonDeals[row]! < closed ? 'winRate' : 'moreWins');
  if (short(value.delivery, weights.delivery)) levers.push('delivery');
  if (short(value.proof, weights.proof)) levers.push('proof');
  if (short(value.skills, weights.skills)) levers.push('skills');
  return levers;
}

/** `next` with the score's levers named on its score requirement (see MissingEvidence.levers). */
function withLevers(next: NextLevel | null, levers: () => Lever[]): NextLevel | null {
  if (!next?.missing.some((m) => m.requirement === 'score')) return next;
  return {
    ...next,
    missing: next.missing.map((m) => (m.requirement === 'score' ? { ...m, levers: levers() } : m)),
  };
}

/** The override of an evidence row in the output's words, when one decided its level. */
function cellOverrideOf(core: ScoreCore, row: number): CellOverride | undefined {
  const o = core.overrides.get(row);
  if (!o) return undefined;
  return {
    kind: o.kind,
    computedLevel: levelName(core, o.computed),
    reason: o.reason,
    author: o.author,
    expiresAt: o.expiresAt,
  };
}

/** The output object of one evidence row; `tops` are its partner's evidence lists (partnerTopEvidence). */
export function cellScoreOf(core: ScoreCore, row: number, tops: PartnerTops): CellScore {
  const { table, grid, config } = core;
  const ladder = config.levels.ladder;
  const c = table.cell[row]!;
  const level = core.level[row]!;
  const previous = core.previous[row]!;
  const closed = table.closedDeals[row]!;
  const value = rowScore(core, row);
  const score = round1(value.score);
  const override = cellOverrideOf(core, row);
  return {
    partnerId: table.partnerIds[table.partner[row]!]!,
    cell: grid.key(c),
    kind: grid.kind(c),
    score,
    confidence: round2(value.confidence),
    level: level === NO_LEVEL ? null : ladder[level]!.name,
    previousLevel: previous === NO_LEVEL ? null : ladder[previous]!.name,
    components: {
      proof: round1(value.proof),
      skills: round1(value.skills),
      winRate: round1(value.winRate),
      delivery: round1(value.delivery),
    },
    figures: {
      wonDeals: table.wonDeals[row]!,
      closedDeals: closed,
      openDeals: table.openDeals[row]!,
      openAmount: Math.round(table.openAmount[row]!),
      wonCustomers: table.wonCustomers[row]!,
      certifiedPeople: table.certifiedPeople[row]!,
      activeCertifications: table.activeCerts[row]!,
      expiredCertifications: table.expiredCerts[row]!,
      winRate: closed > 0 ? Math.round((1000 * table.wonDeals[row]!) / closed) / 1000 : null,
      proofMass: round2(table.proofMass[row]!),
      skillsMass: round2(table.skillsMass[row]!),
    },
    top: topEvidence(core, row, tops, config.explain.topEvidence, value),
    // A level a programme team set (pinned, excluded, held for review) is not the evidence's to climb from:
    // "what the next level needs" would contradict the level shown.
    next:
      override !== undefined
        ? null
        : grid.kind(c) === 'pair'
          ? withLevers(
              nextLevel(
                {
                  score,
                  wonCustomers: table.wonCustomers[row]!,
                  certifiedPeople: table.certifiedPeople[row]!,
                  confidence: round2(value.confidence),
                },
                level,
                ladder,
              ),
              () => scoreLevers(core, row, value),
            )
          : nextAxisLevel(axisPairLevels(core, row), level, ladder, config.levels.axis.minPairCells),
    ...(override ? { override } : {}),
  };
}

/** The partner's levels in the sector × technology cells of the sector or technology of axis row `row`. */
function axisPairLevels(core: ScoreCore, row: number): number[] {
  const { table, grid } = core;
  const c = table.cell[row]!;
  const p = table.partner[row]!;
  const sector = grid.sectorOf(c);
  const technology = grid.technologyOf(c);
  const out: number[] = [];
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) {
    const pc = table.cell[r]!;
    if (grid.kind(pc) !== 'pair') continue;
    if (sector >= 0 ? grid.sectorOf(pc) === sector : grid.technologyOf(pc) === technology)
      out.push(core.level[r]!);
  }
  return out;
}

/** Wraps a computed core into the run's result (see EcosystemScores). */
export function resultOf(core: ScoreCore, options: MapOptions = {}): EcosystemScores {
  const { table, grid, input } = core;
  // Partners in id order, first occurrence of each id only.
  const firstIndex = new Map<string, number>();
  table.partnerIds.forEach((id, i) => {
    if (!firstIndex.has(id)) firstIndex.set(id, i);
  });
  const order = [...firstIndex.values()].sort((a, b) => compare(table.partnerIds[a]!, table.partnerIds[b]!));
  const cellRank = new Int32Array(grid.count);
  Array.from({ length: grid.count }, (_, c) => c)
    .sort((a, b) => compare(grid.key(a), grid.key(b)))
    .forEach((c, rank) => {
      cellRank[c] = rank;
    });
  const rowsOf = (p: number) =>
    Array.from(
      { length: table.rowStart[p + 1]! - table.rowStart[p]! },
      (_, i) => table.rowStart[p]! + i,
    ).sort((a, b) => cellRank[table.cell[a]!]! - cellRank[table.cell[b]!]!);
  const partnerCells = (p: number) => {
    const tops = partnerTopEvidence(core, p, core.config.explain.topEvidence);
    return rowsOf(p).map((r) => cellScoreOf(core, r, tops));
  };

  const needs = diagnoseNeeds(core);
  const labels = segmentLabels(core);
  const partners: PartnerScore[] = order.map((p) => {
    let topScore = 0;
    for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++)
      if (!isExcluded(core, r)) topScore = Math.max(topScore, core.score[r]!);
    const segments = partnerSegments(core, p, labels);
    return {
      partnerId: table.partnerIds[p]!,
      segments,
      primarySegment: segments[0] ?? null,
      topScore: round1(topScore),
      needs: needs[p] ?? [],
    };
  });

  const d = table.diagnostics;
  const sortedRecord = (m: Map<string, number>) =>
    Object.fromEntries([...m.entries()].sort((a, b) => compare(a[0], b[0])));
  const w = core.weights;
  const result: EcosystemScores = {
    scoredAt: input.now,
    baseCurrency: core.config.currency.base,
    weights: {
      proof: round2(w.proof),
      skills: round2(w.skills),
      winRate: round2(w.winRate),
      delivery: round2(w.delivery),
    },
    cellCount: table.rows,
    partners,
    map: buildEcosystemMap(core, input.partners, options),
    priors: Array.from({ length: grid.count }, (_, c) => c)
      .sort((a, b) => compare(grid.key(a), grid.key(b)))
      .map((c) => ({
        cell: grid.key(c),
        winRate: Math.round(core.priors.winRate[c]! * 10000) / 10000,
        delivery: Math.round(core.priors.delivery[c]! * 10000) / 10000,
      })),
    diagnostics: {
      dealsWithoutKnownPartner: d.dealsWithoutKnownPartner,
      dealsWithoutCell: d.dealsWithoutCell,
      unknownSectors: sortedRecord(d.unknownSectors),
      unknownTechnologies: sortedRecord(d.unknownTechnologies),
      unknownCurrencies: sortedRecord(d.unknownCurrencies),
      certificationsWithoutKnownPartner: d.certificationsWithoutKnownPartner,
    },
    core,
    *cells() {
      for (const p of order) yield* partnerCells(p);
    },
    cellsOf(partnerId) {
      const p = firstIndex.get(partnerId);
      return p === undefined ? [] : partnerCells(p);
    },
    levels() {
      const out: PreviousLevel[] = [];
      for (const p of order) {
        for (const r of rowsOf(p)) {
          const level = core.level[r]!;
          if (level === NO_LEVEL) continue;
          out.push({
            partnerId: table.partnerIds[p]!,
            cell: grid.key(table.cell[r]!),
            level: core.config.levels.ladder[level]!.name,
          });
        }
      }
      return out;
    },
    overridden() {
      const cellOrder = (r: number) => cellRank[table.cell[r]!]!;
      return [...core.overrides.entries()]
        .filter(([r]) => firstIndex.get(table.partnerIds[table.partner[r]!]!) === table.partner[r])
        .sort(
          ([a], [b]) =>
            compare(table.partnerIds[table.partner[a]!]!, table.partnerIds[table.partner[b]!]!) ||
            cellOrder(a) - cellOrder(b),
        )
        .map(([r, o]) => ({
          partnerId: table.partnerIds[table.partner[r]!]!,
          cell: grid.key(table.cell[r]!),
          kind: o.kind,
          level: levelName(core, core.level[r]!),
          computedLevel: levelName(core, o.computed),
        }));
    },
    heldDemotions() {
      return result
        .overridden()
        .filter((o) => o.kind === 'hold' && o.level !== null)
        .map((o) => ({
          partnerId: o.partnerId,
          cell: o.cell,
          fromLevel: o.level!,
          toLevel: o.computedLevel,
        }));
    },
    toSnapshot() {
      const {
        core: _core,
        cellCount: _count,
        cells,
        cellsOf: _of,
        levels: _levels,
        overridden: _overridden,
        heldDemotions: _held,
        toSnapshot: _to,
        ...plain
      } = result;
      return { ...plain, cells: [...cells()] };
    },
  };
  return result;
}

/**
 * Scores the whole ecosystem: every partner in every sector, technology and sector × technology cell
 * where it has evidence; its levels (with hysteresis against `previous`), segments, needs and the
 * evidence behind each score; and the ecosystem map. Pure and deterministic: no I/O, no clock.
 *
 * @example
 * const run = scoreEcosystem({ partners, deals, certifications, taxonomy, config, now: '2025-06-30',
 *   previous: lastRun.levels() });
 * run.partners[0].primarySegment?.label; // "Healthcare × Data & AI — Specialist"
 * for (const cell of run.cells()) store.write(cell);
 */
export function scoreEcosystem(input: ScoreInput, options: MapOptions = {}): EcosystemScores {
  return resultOf(computeScores(input), options);
}
