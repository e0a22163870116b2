/** Edit distance between two strings (insertions, deletions, substitutions, adjacent swaps). */
export function distance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `wanted` (case-insensitive distance; ties go to the earlier
 * candidate), or undefined when there are no candidates.
 */
export function closest(wanted: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const w = wanted.toLowerCase();
  for (const c of candidates) {
    const score = distance(w, c.toLowerCase());
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Like `closest`, but only when the candidate is near enough to be a plausible typo, or begins with
 * what was typed (three characters at least: `dbeaver` for `dbeaver-srthkdev`; the shortest such
 * candidate).
 */
export function plausible(wanted: string, candidates: readonly string[]): string | undefined {
  const w = wanted.toLowerCase();
  if (w.length >= 3) {
    const started = candidates.filter((c) => c.toLowerCase().startsWith(w) && c.length > w.length);
    if (started.length) return started.reduce((a, b) => (b.length < a.length ? b : a));
  }
  const best = closest(wanted, candidates);
  if (best === undefined) return undefined;
  return distance(wanted.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3))
    ? best
    : undefined;
}
