/** A second baseline, cell-aware but naive: shrunk win rate × ln(1 + won customers) + 0.5 × ln(1 + certified people). */

/** Closed deals of the cell's average win rate added to every partner's own (the shrinkage's strength). */
export const HEURISTIC_PRIOR_DEALS = 5;
/** Weight of ln(1 + certified people) next to the win-weighted won customers. */
export const HEURISTIC_SKILLS_WEIGHT = 0.5;

/** Per (partner, cell) counts, e.g. an engine run's evidence table; cells at or above `pairs` are ignored. */
export interface CellCountRows {
  count: number;
  partner: ArrayLike<number>;
  cell: ArrayLike<number>;
  wonDeals: ArrayLike<number>;
  closedDeals: ArrayLike<number>;
  /** Distinct customers won within the level window. */
  wonCustomers: ArrayLike<number>;
  /** Active certified people. */
  certifiedPeople: ArrayLike<number>;
}

/**
 * Dense heuristic scores, `p * pairs + cell` (0 without a row): per pair cell,
 * (won + 5 × cellRate) / (closed + 5) × ln(1 + won customers) + 0.5 × ln(1 + certified people), where
 * cellRate is the cell's won ÷ closed over all rows.
 * @example
 * const scores = heuristicScores({ count: core.table.rows, ...core.table }, partners.length, S * T);
 */
export function heuristicScores(rows: CellCountRows, partners: number, pairs: number): Float64Array {
  const won = new Float64Array(pairs);
  const closed = new Float64Array(pairs);
  for (let r = 0; r < rows.count; r++) {
    const c = rows.cell[r]!;
    if (c >= pairs) continue;
    won[c] = won[c]! + rows.wonDeals[r]!;
    closed[c] = closed[c]! + rows.closedDeals[r]!;
  }
  const scores = new Float64Array(partners * pairs);
  for (let r = 0; r < rows.count; r++) {
    const c = rows.cell[r]!;
    if (c >= pairs) continue;
    const cellRate = closed[c]! > 0 ? won[c]! / closed[c]! : 0;
    const winRate =
      (rows.wonDeals[r]! + HEURISTIC_PRIOR_DEALS * cellRate) / (rows.closedDeals[r]! + HEURISTIC_PRIOR_DEALS);
    scores[rows.partner[r]! * pairs + c] =
      winRate * Math.log1p(rows.wonCustomers[r]!) +
      HEURISTIC_SKILLS_WEIGHT * Math.log1p(rows.certifiedPeople[r]!);
  }
  return scores;
}
