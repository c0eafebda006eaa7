/**
 * Every value a multi-value write-back field can take: the segment labels of the taxonomy's cells at each
 * level, and the need labels. Provisioning creates option sets (HubSpot enumerations) from them up front.
 */
import { cellLabel, segmentLabel } from '../engine/index.js';
import type { ScoringConfig, Taxonomy, WritebackResult } from '../model/index.js';
import { NEED_LABELS } from './need-labels.js';

export function possibleValues(
  result: WritebackResult,
  taxonomy: Taxonomy,
  config: ScoringConfig,
): string[] | null {
  if (result === 'needs') return Object.values(NEED_LABELS);
  if (result !== 'segments' && result !== 'primarySegment') return null;
  const cells = [
    ...taxonomy.sectors.flatMap((s) => taxonomy.technologies.map((t) => `${s.key}|${t.key}`)),
    ...taxonomy.sectors.map((s) => `${s.key}|*`),
    ...taxonomy.technologies.map((t) => `*|${t.key}`),
  ];
  return cells.flatMap((cell) =>
    config.levels.ladder.map((level) => segmentLabel(cellLabel(cell, taxonomy), level.name)),
  );
}
