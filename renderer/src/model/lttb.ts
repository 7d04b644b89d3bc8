// Largest-Triangle-Three-Buckets decimation for the charts: about `threshold` points per
// series on screen, shape kept. Null values are gaps: each unbroken segment is decimated on
// its own and the gaps stay. Pure.

export interface Point {
  t: number;
  v: number | null;
}

export function lttb(points: readonly Point[], threshold: number): Point[] {
  if (threshold >= points.length || points.length <= 2) return points.slice();
  // Split into segments of non-null values.
  const segments: Point[][] = [];
  let cur: Point[] = [];
  const gaps: Point[] = [];
  for (const p of points) {
    if (p.v === null) {
      if (cur.length) segments.push(cur);
      cur = [];
      gaps.push(p);
    } else cur.push(p);
  }
  if (cur.length) segments.push(cur);
  const nonNull = points.length - gaps.length;
  const out: Point[] = [];
  const budget = Math.max(3 * segments.length, threshold - Math.min(gaps.length, segments.length + 1));
  let si = 0;
  for (const p of points) {
    // Re-walk in order: emit each segment once (at its first point) and one null per gap run.
    if (p.v === null) {
      if (out.length === 0 || out[out.length - 1].v !== null) out.push(p);
      continue;
    }
    const seg = segments[si];
    if (seg && seg[0] === p) {
      const share = Math.max(3, Math.round((budget * seg.length) / Math.max(1, nonNull)));
      for (const q of lttbSegment(seg, share)) out.push(q);
      si++;
    }
  }
  return out;
}

function lttbSegment(data: readonly Point[], threshold: number): Point[] {
  const n = data.length;
  if (threshold >= n || n <= 2) return data.slice();
  const out: Point[] = [data[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    const len = Math.max(1, avgEnd - avgStart);
    for (let j = avgStart; j < avgEnd; j++) {
      avgT += data[j].t;
      avgV += data[j].v as number;
    }
    avgT /= len;
    avgV /= len;
    const rangeStart = Math.floor(i * every) + 1;
    const rangeEnd = Math.floor((i + 1) * every) + 1;
    const pa = data[a];
    let maxArea = -1;
    let next = rangeStart;
    for (let j = rangeStart; j < rangeEnd; j++) {
      const area = Math.abs(
        (pa.t - avgT) * ((data[j].v as number) - (pa.v as number)) -
          (pa.t - data[j].t) * (avgV - (pa.v as number)),
      );
      if (area > maxArea) {
        maxArea = area;
        next = j;
      }
    }
    out.push(data[next]);
    a = next;
  }
  out.push(data[n - 1]);
  return out;
}

interface Cached {
  /** Raw length when last decimated in full, and the output's length then. */
  baseLen: number;
  outBaseLen: number;
  len: number;
  out: Point[];
  /** Raw length from which the next full decimation is due. */
  nextFull: number;
}

const cache = new WeakMap<readonly Point[], Cached>();
/** Counts series seen, to give each its own phase. */
let seriesSeen = 0;

/**
 * lttb() for a series that only grows at its end (the run model appends in place): points
 * added since the last full decimation are appended as they are, and the whole series is
 * decimated again once they pass 5% of the threshold. Keyed by the array itself.
 *
 * Series fed by the same samples (one per store) would all pass that mark in the same batch,
 * and the view would decimate and redraw them all in one frame: each series' first interval is
 * shortened by its own share of the slack, so that later full passes are spread out.
 */
export function decimateGrowing(points: readonly Point[], threshold: number): Point[] {
  const c = cache.get(points);
  if (c && c.len === points.length) return c.out;
  const slack = Math.max(8, Math.floor(threshold * 0.05));
  if (c && points.length > c.len && points.length < c.nextFull) {
    const out = c.out.slice(0, c.outBaseLen).concat(points.slice(c.baseLen));
    cache.set(points, { ...c, len: points.length, out });
    return out;
  }
  const out = lttb(points, threshold);
  const phase = c ? 0 : (seriesSeen++ * 7) % slack;
  cache.set(points, {
    baseLen: points.length,
    outBaseLen: out.length,
    len: points.length,
    out,
    nextFull: points.length + slack + 1 - phase,
  });
  return out;
}
