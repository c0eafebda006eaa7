/**
 * The values Atlas wants on each CRM record of partners, from the engine's result and the write-back mapping:
 * computed once per partner for every target, and only for partners with a record in one of them.
 */
import type { CellRecord } from '../../connectors/types.js';
import { cutText, type EcosystemScores, writtenSegments } from '../engine/index.js';
import type { Partner, PartnerId, PartnerScore, Segment, Taxonomy } from '../model/index.js';
import { type CellFacts, levelledCells } from './cell-facts.js';
import { FROM_CELLS, type ResultValue, resultValue } from './result-values.js';
import type { TargetField, WritebackTarget } from './writeback-target.js';

export interface DesiredRecord {
  /** The CRM record id (Account / company) the values go to. */
  recordId: string;
  partnerId: PartnerId;
  /** By field name: every field of the target. */
  values: Record<string, ResultValue>;
  /** The partner's result. */
  score: PartnerScore;
  /** The segments written to the record and its lists (engine `writtenSegments`). */
  segments: readonly Segment[];
  /** The per-cell records hanging off the record, best first (empty unless the target keeps them). */
  cells: readonly CellRecord[];
}

export interface DesiredOptions {
  taxonomy: Taxonomy;
  /** The instant the scores were computed for. */
  scoredAt: string;
  /** Suggested teammates' names per partner, best first. */
  teammates?: ReadonlyMap<PartnerId, readonly string[]>;
}

function cut(value: ResultValue, maxLength: number | null): ResultValue {
  return maxLength === null || typeof value !== 'string' ? value : cutText(value, maxLength);
}

/** What a field receives: its result, and for a benefit field which benefit (two fields may share one). */
function requestOf(field: TargetField): string {
  return field.benefit ? `${field.result}|${field.benefit.key}` : field.result;
}

/** The results any target writes, but `scoredAt` (the run's instant, the same for every partner), by request. */
function resultsOf(targets: readonly WritebackTarget[]): Map<string, TargetField> {
  const results = new Map<string, TargetField>();
  for (const target of targets) {
    for (const field of target.fields) {
      if (field.result !== 'scoredAt' && !results.has(requestOf(field))) results.set(requestOf(field), field);
    }
  }
  return results;
}

/** True when the partner has a record in one of the targets' CRM objects. */
function hasRecord(partner: Partner, targets: readonly WritebackTarget[]): boolean {
  return partner.sourceRefs.some((ref) =>
    targets.some((t) => t.system === ref.system && t.object === ref.object),
  );
}

/**
 * Characters the per-cell record's text fields hold (the #17 contract: Name, Sector, Technology Text 80,
 * Next Level Text 255): values are cut to them, so what the diff compares is what the CRM keeps.
 */
const CELL_TEXT_MAX = { label: 80, nextLevel: 255 } as const;

/** The per-cell record of one levelled cell under one partner record. */
function toCellRecord(parentId: string, facts: CellFacts, scoredAt: string): CellRecord {
  return {
    key: `${parentId}|${facts.cell}`,
    parentId,
    name: String(cut(facts.label, CELL_TEXT_MAX.label)),
    sector: String(cut(facts.sector, CELL_TEXT_MAX.label)),
    technology: String(cut(facts.technology, CELL_TEXT_MAX.label)),
    level: facts.level,
    score: facts.score,
    confidence: facts.confidence,
    wonCustomers: facts.wonCustomers,
    certifiedPeople: facts.certifiedPeople,
    nextLevel: String(cut(facts.nextLevel, CELL_TEXT_MAX.nextLevel)),
    scoredAt,
  };
}

/**
 * Desired records for several targets at once, per target in the order given: each partner's values are
 * computed once (its cells read once, and only when a target writes a result that needs them) and shared by
 * every CRM it has a record in. Partners without a record in any target are skipped.
 */
export function desiredWriteback(
  targets: readonly WritebackTarget[],
  scores: EcosystemScores,
  partners: readonly Partner[],
  options: DesiredOptions,
): DesiredRecord[][] {
  const results = resultsOf(targets);
  const needsCells =
    [...results.values()].some((f) => FROM_CELLS.has(f.result)) || targets.some((t) => t.cellLevels !== null);
  const byId = new Map(scores.partners.map((s) => [s.partnerId, s]));
  const records: DesiredRecord[][] = targets.map(() => []);
  for (const partner of partners) {
    const score = byId.get(partner.id);
    if (!score || !hasRecord(partner, targets)) continue;
    const segments = writtenSegments(score.segments, scores.core.config);
    const context = {
      taxonomy: options.taxonomy,
      scoredAt: options.scoredAt,
      cells: needsCells ? scores.cellsOf(partner.id) : [],
      segments,
      teammates: options.teammates?.get(partner.id) ?? [],
      ladder: scores.core.config.levels.ladder,
    };
    const values = new Map(
      [...results].map(([request, f]) => [request, resultValue(f.result, score, context, f.benefit)]),
    );
    targets.forEach((target, t) => {
      const levelled = target.cellLevels
        ? levelledCells(context.cells, options.taxonomy, target.cellLevels)
        : [];
      for (const ref of partner.sourceRefs) {
        if (ref.system !== target.system || ref.object !== target.object) continue;
        const fieldValues: Record<string, ResultValue> = {};
        for (const field of target.fields) {
          const value =
            field.result === 'scoredAt' ? options.scoredAt : (values.get(requestOf(field)) ?? null);
          fieldValues[field.name] = cut(value, field.maxLength);
        }
        const cells = levelled.map((facts) => toCellRecord(ref.id, facts, options.scoredAt));
        records[t]?.push({
          recordId: ref.id,
          partnerId: partner.id,
          values: fieldValues,
          score,
          segments,
          cells,
        });
      }
    });
  }
  return records;
}

/** The desired records of one target (see `desiredWriteback`, which serves several at once). */
export function desiredRecords(
  target: WritebackTarget,
  scores: EcosystemScores,
  partners: readonly Partner[],
  options: DesiredOptions,
): DesiredRecord[] {
  return desiredWriteback([target], scores, partners, options)[0] ?? [];
}
