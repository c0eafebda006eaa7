/** Deep explanation of one cell: the score with its full evidence list (not just the top few) and the next level in words. */
import { AtlasError } from '../errors.js';
import type { CellExplanation } from '../model/score-cell.js';
import { describeMissing } from './explain.js';
import { cellScoreOf, type EcosystemScores } from './score-ecosystem.js';
import { partnerTopEvidence } from './top-evidence.js';

/** Most evidence items an explanation lists (the configuration schema allows up to 20 per score). */
const MAX_ITEMS = 20;

/**
 * Explains one partner's score in one cell with up to `limit` evidence items (the run keeps only
 * `explain.topEvidence`). The figures are exactly the run's. Returns null when the partner has no
 * evidence in the cell.
 *
 * @example explainCell(run, partnerId, 'healthcare|data_ai', { limit: 10 })?.nextLevel
 * // "Specialist in Healthcare × Data & AI needs 2 more certified people in Data & AI"
 */
export function explainCell(
  scores: EcosystemScores,
  partnerId: string,
  cell: string,
  options: { limit?: number } = {},
): CellExplanation | null {
  const { core } = scores;
  const { table, grid, input } = core;
  const ids: readonly string[] = table.partnerIds;
  const p = ids.indexOf(partnerId);
  if (p < 0) {
    throw new AtlasError('ENGINE_UNKNOWN_PARTNER', `no partner ${partnerId} in this run`, {
      context: { partnerId },
    });
  }
  const c = grid.indexOf(cell);
  if (c < 0)
    throw new AtlasError('ENGINE_UNKNOWN_CELL', `no cell ${cell} in this taxonomy`, { context: { cell } });
  let fullRow = -1;
  for (let r = table.rowStart[p]!; r < table.rowStart[p + 1]!; r++) if (table.cell[r] === c) fullRow = r;
  if (fullRow < 0) return null;

  const limit = Math.max(1, Math.min(MAX_ITEMS, options.limit ?? MAX_ITEMS));
  const config = { ...core.config, explain: { topEvidence: limit } };
  const tops = partnerTopEvidence(core, p, limit);
  const score = cellScoreOf({ ...core, config }, fullRow, tops);
  return { score, nextLevel: score.next ? describeMissing(score.next, cell, input.taxonomy) : null };
}
