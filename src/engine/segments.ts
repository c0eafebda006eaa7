/** Segments: the cells where a partner holds a level, its primary segment and their human labels. */
import type { CellKind } from '../model/score-cell.js';
import type { Segment } from '../model/score-levels.js';
import type { ScoringConfig } from '../model/scoring.js';
import { round1 } from './levels.js';
import type { ScoreCore } from './score-core.js';

/** Sector × technology is the most telling segment, then a whole sector, then a whole technology. */
const SPECIFICITY: Record<CellKind, number> = { pair: 0, sector: 1, technology: 2 };

/** "Healthcare × Data & AI — Specialist". */
export function segmentLabel(cellLabel: string, level: string): string {
  return `${cellLabel} — ${level}`;
}

/** Every segment label of the grid, made once: index `cell * levels + level`. */
export function segmentLabels(core: ScoreCore): string[] {
  const ladder = core.config.levels.ladder;
  const labels: string[] = [];
  for (let c = 0; c < core.grid.count; c++) {
    for (const level of ladder) labels.push(segmentLabel(core.grid.label(c), level.name));
  }
  return labels;
}

/**
 * The segments of partner `p` (index in `core.table.partnerIds`): highest level first, then the more
 * specific cell, then the higher score, then the cell key. The first one is the primary segment.
 */
export function partnerSegments(core: ScoreCore, p: number, labels = segmentLabels(core)): Segment[] {
  const { table, grid, config } = core;
  const found: { segment: Segment; rank: number; specificity: number; score: number }[] = [];
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) {
    const level = core.level[r]!;
    if (level < 0) continue;
    const c = table.cell[r]!;
    const name = config.levels.ladder[level]!.name;
    const kind = grid.kind(c);
    found.push({
      rank: level,
      specificity: SPECIFICITY[kind],
      score: core.score[r]!,
      segment: {
        cell: grid.key(c),
        kind,
        level: name,
        score: round1(core.score[r]!),
        label: labels[c * config.levels.ladder.length + level]!,
      },
    });
  }
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.specificity - b.specificity ||
      b.score - a.score ||
      (a.segment.cell < b.segment.cell ? -1 : a.segment.cell > b.segment.cell ? 1 : 0),
  );
  return found.map((f) => f.segment);
}

/**
 * The segments written to a CRM record (fields and lists): sector × technology cells first, then whole
 * sectors and technologies, each group in segment order (level, score), at most `segments.maxWritten`.
 * A record shows the few segments that say most, not every cell the partner ever touched.
 */
export function writtenSegments(segments: readonly Segment[], config: ScoringConfig): Segment[] {
  const rank = (s: Segment) => SPECIFICITY[s.kind];
  return segments
    .map((segment, order) => ({ segment, order }))
    .sort((a, b) => rank(a.segment) - rank(b.segment) || a.order - b.order)
    .slice(0, config.segments.maxWritten)
    .map((s) => s.segment);
}
