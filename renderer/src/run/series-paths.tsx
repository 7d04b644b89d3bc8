// Draws already-decimated series as one SVG path each, with the chart's own scales. Much
// cheaper than recharts' <Line> for thousands of points (no per-point objects, labels or
// animation state), so the run view stays smooth while it streams.
import { useId } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { Point } from '../model/lttb';

export interface PathSeries {
  key: string;
  color: string;
  points: readonly Point[];
}

type Scale = (v: unknown) => number | undefined;

/** "M x y L x y …", broken at null values; stepAfter draws horizontal-then-vertical. */
export function pathOf(
  points: readonly Point[],
  x: Scale,
  y: Scale,
  offsetMs: number,
  step: boolean,
): string {
  const parts: string[] = [];
  let pen = false;
  for (const p of points) {
    if (p.v === null) {
      pen = false;
      continue;
    }
    const px = x((p.t - offsetMs) / 1000);
    const py = y(p.v);
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) continue;
    const X = Math.round(px * 10) / 10;
    const Y = Math.round(py * 10) / 10;
    parts.push(!pen ? `M${X},${Y}` : step ? `H${X}V${Y}` : `L${X},${Y}`);
    pen = true;
  }
  return parts.join('');
}

export function SeriesPaths({
  series,
  offsetMs,
  step,
}: {
  series: readonly PathSeries[];
  offsetMs: number;
  step?: boolean;
}) {
  const xs = useXAxisScale() as Scale | undefined;
  const ys = useYAxisScale() as Scale | undefined;
  const area = usePlotArea();
  const clip = `clip-${useId().replace(/:/g, '')}`;
  if (!xs || !ys || !area) return null;
  return (
    <g className="series-paths">
      <defs>
        <clipPath id={clip}>
          <rect x={area.x} y={area.y - 2} width={area.width} height={area.height + 4} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clip})`}>
        {series.map((s) => (
          <path
            key={s.key}
            className="series-line"
            data-series={s.key}
            d={pathOf(s.points, xs, ys, offsetMs, step ?? false)}
            fill="none"
            stroke={s.color}
            strokeWidth={1.6}
            strokeLinejoin="round"
          />
        ))}
      </g>
    </g>
  );
}
