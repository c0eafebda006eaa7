/** "Did you mean …?" suggestions for misspelt keys and names, by edit distance. */

/** Levenshtein distance between two strings (case-sensitive), two-row dynamic programming. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `word`, compared case-insensitively, or undefined when nothing is close
 * enough to be a plausible typo (distance at most a third of the word's length, and at least 2 allowed).
 * @example closestMatch('feilds', ['fields', 'filter']) // 'fields'
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  if (bestDistance <= allowed) return best;
  // A longer or shorter spelling of a known name: `equals` for `eq`, `tech` for `technologies`.
  const prefixed = candidates
    .filter((c) => c.length >= 2 && (lower.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(lower)))
    .sort((a, b) => b.length - a.length);
  return lower.length >= 2 ? prefixed[0] : undefined;
}

/** A hint naming the closest candidate, or listing the candidates when none is close. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const match = closestMatch(word, candidates);
  if (match !== undefined) return `did you mean "${match}"?`;
  if (candidates.length === 0) return undefined;
  const shown = candidates.slice(0, 12).join(', ');
  return `expected one of: ${shown}${candidates.length > 12 ? ', …' : ''}`;
}
