/** Small statistics helpers: percentile ranks, concentration (HHI), bus factor. */

/**
 * Percentile rank (0–100) of `value` among `sorted` (ascending): the share of values below it plus half
 * of those equal to it, so ties sit in the middle and the same value always gets the same rank.
 */
export function percentileRank(sorted: ArrayLike<number>, value: number): number {
  const n = sorted.length;
  if (n === 0) return 50;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  const equal = lo - below;
  return (100 * (below + equal / 2)) / n;
}

/** Herfindahl–Hirschman index of non-negative amounts: Σ share². 1 = one holder, 1/n = n equal holders; 0 if empty. */
export function herfindahl(amounts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < amounts.length; i++) total += amounts[i]!;
  if (total <= 0) return 0;
  let hhi = 0;
  for (let i = 0; i < amounts.length; i++) {
    const share = amounts[i]! / total;
    hhi += share * share;
  }
  return hhi;
}

/** Fewest holders that together hold at least half of the total (0 when the total is 0). */
export function busFactor(amounts: ArrayLike<number>): number {
  let ascending = true;
  for (let i = 1; i < amounts.length && ascending; i++) ascending = amounts[i - 1]! <= amounts[i]!;
  // Already-sorted input (the ecosystem map sorts each cell) is read in place, largest first.
  const sorted = ascending ? amounts : Float64Array.from(amounts).sort();
  let total = 0;
  for (let i = 0; i < sorted.length; i++) total += sorted[i]!;
  if (total <= 0) return 0;
  let held = 0;
  for (let i = sorted.length - 1; i >= 0; i--) {
    held += sorted[i]!;
    if (held >= total / 2 - 1e-12) return sorted.length - i;
  }
  return sorted.length;
}
