// Largest-Triangle-Three-Buckets decimation (Steinarsson, 2013): keeps the first and last
// points and, from each bucket between, the point that makes the largest triangle with the
// previously kept point and the next bucket's average. Pure.

export interface XY {
  t: number;
  v: number;
}

/** A point of a series that may have gaps (null: nothing could be measured then). */
export interface Point {
  t: number;
  v: number | null;
}

export function lttb<P extends XY>(points: readonly P[], threshold: number): P[] {
  const n = points.length;
  if (threshold >= n || n <= 2) return points.slice();
  if (threshold < 3) return [points[0], points[n - 1]];
  const out: P[] = [points[0]];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1;
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgT = 0;
    let avgV = 0;
    for (let j = avgStart; j < avgEnd; j++) {
      avgT += points[j].t;
      avgV += points[j].v;
    }
    const len = avgEnd - avgStart;
    avgT /= len;
    avgV /= len;
    const from = Math.floor(i * every) + 1;
    const to = Math.floor((i + 1) * every) + 1;
    const pa = points[a];
    let best = from;
    let bestArea = -1;
    for (let j = from; j < to; j++) {
      const area = Math.abs((pa.t - avgT) * (points[j].v - pa.v) - (pa.t - points[j].t) * (avgV - pa.v));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(points[best]);
    a = best;
  }
  out.push(points[n - 1]);
  return out;
}

/**
 * Decimates a series with gaps to about `max` points: each unbroken run is thinned with LTTB
 * in proportion to its length, and the gaps between runs are kept.
 */
export function decimate(points: readonly Point[], max: number): Point[] {
  if (points.length <= max) return points.slice();
  const runs: XY[][] = [];
  let cur: XY[] = [];
  for (const p of points) {
    if (p.v === null) {
      if (cur.length) runs.push(cur);
      cur = [];
    } else cur.push({ t: p.t, v: p.v });
  }
  if (cur.length) runs.push(cur);
  const gaps = Math.max(0, runs.length - 1);
  const budget = Math.max(runs.length * 2, max - gaps);
  const total = runs.reduce((s, r) => s + r.length, 0);
  const out: Point[] = [];
  runs.forEach((run, i) => {
    if (i > 0) out.push({ t: (runs[i - 1][runs[i - 1].length - 1].t + run[0].t) / 2, v: null });
    const share = Math.max(2, Math.floor((budget * run.length) / total));
    out.push(...lttb(run, share));
  });
  return out;
}
