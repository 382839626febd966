/** Levels read off a histogram of 8-bit values (counts[v]: how many are v). */

/** The `k`-th smallest (from 0) of the values counted in `counts`; the last level when there are fewer. */
export function nthLevel(counts: Uint32Array, k: number): number {
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (seen > k) return v;
  }
  return counts.length - 1;
}

/** The first level whose count takes the histogram past `share` of its counts (the last level when it is empty). */
export function shareLevel(counts: Uint32Array, share: number): number {
  let total = 0;
  for (const n of counts) total += n;
  return nthLevel(counts, share * total);
}
