/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate nearest to `word`, when it is near enough to be a typo of it ("did you mean").
 * `key` maps a candidate to the string compared (a normalised name); `limit` is the largest distance
 * that still counts, by the word's length.
 */
export function closest<T>(word: string, candidates: Iterable<T>, options: { key?: (c: T) => string; limit: (length: number) => number }): T | undefined {
  let best: { c: T; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(word, options.key ? options.key(c) : String(c));
    if (!best || distance < best.distance) best = { c, distance };
  }
  return best && best.distance <= options.limit(word.length) ? best.c : undefined;
}

/** How far a name may be from a real one to still count as its typo: 2 edits, or a third of its length. */
export const TYPO_LIMIT = (length: number): number => Math.max(2, Math.floor(length / 3));
