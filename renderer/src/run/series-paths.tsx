// Draws already-decimated series as one SVG path each, with the chart's own scales. Much
// cheaper than recharts' <Line> for thousands of points (no per-point objects, labels or
// animation state), so the run view stays smooth while it streams. Reads its data from
// PlotDataContext, so a new batch re-renders this layer alone, and each series is a long head
// path that stays put and a short tail path that takes the new points (IncrementalPath).
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

/** Most points a series' tail path holds before they are folded into its head path. */
export const TAIL_MAX = 64;

export interface SplitPath {
  /** The settled points: changes only when the series is decimated afresh or the axes move. */
  head: string;
  /** The points added since, starting two points back so the join is drawn as in one path. */
  tail: string;
}

/**
 * One series as two path texts kept between redraws. While the scales, offset and mode stay
 * the same and the points drawn last time are the head of the new points (the same objects:
 * the decimation appends to its output between full passes), new points go to a short tail
 * path and the long head path is left alone: a batch makes the browser parse, lay out and
 * paint a few dozen points per series, not the whole history. head + tail draw exactly the
 * segments of pathOf(points) (the tail repeats the head's last segment, so its join is drawn).
 */
export class IncrementalPath {
  /** @param tailMax points the tail holds before it is folded into the head. */
  constructor(private readonly tailMax = TAIL_MAX) {}

  private key = '';
  private points: readonly Point[] = [];
  /** Points in the head, and the pen at its end. */
  private h = 0;
  private headPen = false;
  private out: SplitPath = { head: '', tail: '' };

  update(points: readonly Point[], x: Scale, y: Scale, offsetMs: number, step: boolean): SplitPath {
    const key = `${scaleKey(x, y)}|${offsetMs}|${step}`;
    const prev = this.points;
    this.points = points;
    let reuse = key === this.key && points.length >= prev.length && this.h >= this.tailMax;
    if (reuse && points !== prev) {
      for (let i = 0; i < prev.length; i++)
        if (points[i] !== prev[i]) {
          reuse = false;
          break;
        }
    } else if (reuse) return this.out;
    this.key = key;
    if (!reuse) {
      // Afresh: everything in the head (also while the series is short).
      const all = appendPath(points, 0, x, y, offsetMs, step, false);
      this.h = points.length;
      this.headPen = all.pen;
      this.out = { head: all.d, tail: '' };
    } else if (points.length - this.h > this.tailMax) {
      // The tail is full: fold it into the head.
      const more = appendPath(points, this.h, x, y, offsetMs, step, this.headPen);
      this.h = points.length;
      this.headPen = more.pen;
      this.out = { head: this.out.head + more.d, tail: '' };
    } else if (points.length > this.h) {
      const tail = appendPath(points, Math.max(0, this.h - 2), x, y, offsetMs, step, false).d;
      if (tail !== this.out.tail) this.out = { head: this.out.head, tail };
    }
    return this.out;
  }
}

let pathsMade = 0;

/**
 * Series fed by the same samples grow in step: with one tail size they would all fold their
 * tails into their heads in the same redraw. Each path gets its own size, from TAIL_MAX / 2
 * to TAIL_MAX, so that folds fall in different redraws.
 */
function staggeredTailMax(): number {
  return TAIL_MAX - ((pathsMade++ * 7) % (TAIL_MAX / 2));
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
          if (!path) cache.set(s.key, (path = new IncrementalPath(staggeredTailMax())));
          const { head, tail } = path.update(s.points, xs, ys, offsetMs, step);
          return (
            <g key={s.key} fill="none" stroke={s.color} strokeWidth={1.6} strokeLinejoin="round">
              <path className="series-line" data-series={s.key} d={head} />
              <path className="series-tail" d={tail} />
            </g>
          );
        })}
      </g>
    </g>
  );
}
