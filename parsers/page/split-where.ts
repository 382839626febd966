/**
 * Items in order cut into runs wherever `parted(previous, next)` says two neighbours belong apart
 * (a gap too wide, a rule between them); no run is empty.
 */
export function splitWhere<T>(items: Iterable<T>, parted: (previous: T, next: T) => boolean): T[][] {
  const out: T[][] = [];
  let run: T[] = [];
  for (const item of items) {
    const last = run[run.length - 1];
    if (last !== undefined && parted(last, item)) {
      out.push(run);
      run = [];
    }
    run.push(item);
  }
  if (run.length > 0) out.push(run);
  return out;
}
