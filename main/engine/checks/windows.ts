// "Does [a, b] overlap one of these windows?" asked once per op: with the windows sorted by
// start and the latest end so far kept alongside, each question is a binary search instead
// of a walk over every window (a long run with a fault every 30 s has hundreds). Pure.

export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * A test equal to `(a, b) => windows.some((w) => w.from <= b && w.to >= a)` (closed
 * intervals; a window whose ends are not numbers never overlaps, as with `some`), in
 * O(log windows) per call. For a point in time, ask (t, t).
 */
export function overlapsAny(windows: readonly TimeWindow[]): (a: number, b: number) => boolean {
  const sorted = windows
    .filter((w) => !Number.isNaN(w.from) && !Number.isNaN(w.to))
    .slice()
    .sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
  const starts = sorted.map((w) => w.from);
  /** The latest end among the windows up to each one (sorted by start). */
  const latestEnd: number[] = [];
  let latest = -Infinity;
  for (const w of sorted) latestEnd.push((latest = Math.max(latest, w.to)));
  return (a, b) => {
    // The windows starting at or before b: those with from <= b, a prefix of `sorted`.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= b) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && latestEnd[lo - 1] >= a;
  };
}
