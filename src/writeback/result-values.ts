/**
 * The value of each write-back result for one partner, computed from the engine's result. Values are
 * stable from night to night while the evidence does not change: the top score in whole points, and text
 * built only from levels and counts (no score points or confidence shares, which decay daily), so an
 * unchanged ecosystem writes nothing. `expertiseCells` is the exception its format asks for: whole-point
 * scores and whole-percent confidence, so a line changes when one of them moves a whole unit.
 */
import { benefitValue, cellLabel, count, type Ladder } from '../engine/index.js';
import type { Benefit } from '../model/benefits.js';
import type { CellScore, PartnerScore, Segment, Taxonomy, WritebackResult } from '../model/index.js';
import { cellLine, levelledCells, nextInWords } from './cell-facts.js';
import { NEED_LABELS } from './need-labels.js';

/** A value as the connector port takes it (list results are string arrays, `scoredAt` an ISO instant). */
export type ResultValue = string | number | null | readonly string[];

export interface ResultContext {
  taxonomy: Taxonomy;
  /** The instant the scores were computed for. */
  scoredAt: string;
  /** The partner's cell scores (for what is missing next), sorted by cell. */
  cells: readonly CellScore[];
  /** The segments written to the record: the best few, sector × technology first (engine `writtenSegments`). */
  segments: readonly Segment[];
  /** Display names of suggested teammates, best first (empty when teaming is not computed). */
  teammates: readonly string[];
  /** The scoring ladder, highest level first (benefit rules name levels). */
  ladder: Ladder;
}

/**
 * The results computed from the partner's cell scores: reading those builds each cell's explanation with
 * its top evidence, the costly part of the desired values, so it is done only for these.
 */
export const FROM_CELLS: ReadonlySet<WritebackResult> = new Set<WritebackResult>([
  'expertiseSummary',
  'expertiseCells',
]);

/** Lines in the summary: the segments written, then the nearest promotions, then the needs. */
const SUMMARY_NEXT = 3;

function summaryOf(score: PartnerScore, context: ResultContext): string {
  const lines: string[] = [];
  for (const segment of context.segments) {
    const cell = context.cells.find((c) => c.cell === segment.cell);
    const figures = cell
      ? ` (${count(cell.figures.wonCustomers, 'won customer', 'won customers')}, ${count(cell.figures.certifiedPeople, 'certified person', 'certified people')})`
      : '';
    lines.push(`${segment.label}${figures}`);
  }
  if (score.segments.length > context.segments.length) {
    const more = score.segments.length - context.segments.length;
    lines.push(`…and ${count(more, 'more segment', 'more segments')}`);
  }
  if (lines.length === 0) lines.push('No expertise segment yet.');
  const nearest = context.cells
    .filter((c) => c.kind === 'pair' && c.next !== null && c.next.missing.length > 0)
    .sort((a, b) => Math.round(b.score) - Math.round(a.score) || (a.cell < b.cell ? -1 : 1))
    .slice(0, SUMMARY_NEXT);
  for (const cell of nearest) {
    if (cell.next) lines.push(`Next: ${nextInWords(cell.next, cell.cell, context.taxonomy)}.`);
  }
  for (const need of score.needs) {
    const where = need.cell === null ? '' : ` in ${cellLabel(need.cell, context.taxonomy)}`;
    lines.push(`Needs ${NEED_LABELS[need.need].toLowerCase()}${where}.`);
  }
  return lines.join('\n');
}

/** Distinct need labels, in the engine's order. */
function needLabels(score: PartnerScore): string[] {
  return [...new Set(score.needs.map((n) => NEED_LABELS[n.need]))];
}

/**
 * The value of one result for one partner. `benefit` is the definition a `result: benefit` field names
 * (null when it is not bound: the field is then cleared).
 */
export function resultValue(
  result: WritebackResult,
  score: PartnerScore,
  context: ResultContext,
  benefit: Benefit | null = null,
): ResultValue {
  switch (result) {
    case 'primarySegment':
      return score.primarySegment?.label ?? null;
    case 'segments':
      return context.segments.map((s) => s.label);
    case 'needs':
      return needLabels(score);
    case 'topScore':
      return Math.round(score.topScore);
    case 'expertiseSummary':
      return summaryOf(score, context);
    case 'scoredAt':
      return context.scoredAt;
    case 'suggestedTeammates':
      return [...context.teammates];
    case 'expertiseCells':
      return levelledCells(context.cells, context.taxonomy).map(cellLine).join('\n');
    case 'benefit':
      // The segments are every levelled cell (an excluded cell has no level, a pinned one its pinned level).
      return benefit ? benefitValue(benefit, score.segments, context.ladder) : null;
  }
}
