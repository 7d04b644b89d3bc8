// Draws already-decimated series as one SVG path each, with the chart's own scales. Much
// cheaper than recharts' <Line> for thousands of points (no per-point objects, labels or
// animation state), so the run view stays smooth while it streams. Reads its data from
// PlotDataContext, so a new batch re-renders this layer alone; each path's text is extended
// with the new points only, while the axes stay put and the points drawn so far are the same.
import { useContext, useId, useRef } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { Point } from '../model/lttb';
import { PlotDataContext, scaleKey, type Scale } from './plot-data';

export type { PathSeries } from './plot-data';

/** Path commands for points[from..], continuing a path whose pen is `pen` (down or lifted). */
export function appendPath(
  points: readonly Point[],
  from: number,
  x: Scale,
  y: Scale,
  offsetMs: number,
  step: boolean,
  pen: boolean,
): { d: string; pen: boolean } {
  let d = '';
  for (let i = from; i < points.length; i++) {
    const p = points[i];
    if (p.v === null) {
      pen = false;
      continue;
    }
    const px = x((p.t - offsetMs) / 1000);
    const py = y(p.v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) continue;
    const X = Math.round(px * 10) / 10;
    const Y = Math.round(py * 10) / 10;
    d += !pen ? `M${X},${Y}` : step ? `H${X}V${Y}` : `L${X},${Y}`;
    pen = true;
  }
  return { d, pen };
}

/** "M x y L x y …", broken at null values; stepAfter draws horizontal-then-vertical. */
export function pathOf(
  points: readonly Point[],
  x: Scale,
  y: Scale,
  offsetMs: number,
  step: boolean,
): string {
  return appendPath(points, 0, x, y, offsetMs, step, false).d;
}

/**
 * One series' path text, kept between redraws: when the scales, offset and mode are the same
 * and the points drawn last time are the head of the new points (the same objects: the
 * decimation appends to its output between full passes), only the tail is converted.
 */
export class IncrementalPath {
  private key = '';
  private points: readonly Point[] = [];
  private d = '';
  private pen = false;

  update(points: readonly Point[], x: Scale, y: Scale, offsetMs: number, step: boolean): string {
    const key = `${scaleKey(x, y)}|${offsetMs}|${step}`;
    const prev = this.points;
    let reuse = key === this.key && points.length >= prev.length;
    if (reuse && points !== prev) {
      for (let i = 0; i < prev.length; i++)
        if (points[i] !== prev[i]) {
          reuse = false;
          break;
        }
    }
    if (!reuse) {
      this.key = key;
      this.d = '';
      this.pen = false;
    }
    const from = reuse ? prev.length : 0;
    if (from < points.length || !reuse) {
      const tail = appendPath(points, from, x, y, offsetMs, step, this.pen);
      this.d += tail.d;
      this.pen = tail.pen;
    }
    // A copy-free snapshot is enough: the caller's array is replaced, never edited, once drawn.
    this.points = points;
    return this.d;
  }
}

export function SeriesPaths() {
  const { series, offsetMs, step } = useContext(PlotDataContext);
  const xs = useXAxisScale() as Scale | undefined;
  const ys = useYAxisScale() as Scale | undefined;
  const area = usePlotArea();
  const clip = `clip-${useId().replace(/:/g, '')}`;
  const paths = useRef(new Map<string, IncrementalPath>());
  if (!xs || !ys || !area) return null;
  const cache = paths.current;
  if (cache.size > series.length) {
    const keep = new Set(series.map((s) => s.key));
    for (const k of cache.keys()) if (!keep.has(k)) cache.delete(k);
  }
  return (
    <g className="series-paths">
      <defs>
        <clipPath id={clip}>
          <rect x={area.x} y={area.y - 2} width={area.width} height={area.height + 4} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>
        {series.map((s) => {
          let path = cache.get(s.key);
          if (!path) cache.set(s.key, (path = new IncrementalPath()));
          return (
            <path
              key={s.key}
              className="series-line"
              data-series={s.key}
              d={path.update(s.points, xs, ys, offsetMs, step)}
              fill="none"
              stroke={s.color}
              strokeWidth={1.6}
              strokeLinejoin="round"
            />
          );
        })}
      </g>
    </g>
  );
}
