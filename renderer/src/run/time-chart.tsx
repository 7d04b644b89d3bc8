// One time-series chart: lines (already decimated) on a numeric time axis shared by every
// chart of the view, with fault intervals shaded behind. Memoised; no animation.
import { memo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { SeriesPaths } from './series-paths';
import type { FaultInterval } from '../model/run-model';
import type { Point } from '../model/lttb';
import { FAULT_COLORS } from './palette';
import { niceTicks, valueTicks } from './ticks';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
  points: Point[];
  /** Latest value, shown in the legend. */
  last?: number | null;
}

export interface TimeChartProps {
  testId: string;
  title: string;
  series: ChartSeries[];
  faults: FaultInterval[];
  /** Seconds. */
  xDomain: [number, number];
  /** Subtracted from every t (ms) before plotting: aligns runs on their first fault. */
  offsetMs: number;
  /** Time of "now" for faults still open (ms). */
  endT: number;
  height?: number;
  step?: boolean;
  xLabel: string;
}

const axis = { stroke: '#3a4352', tick: { fill: '#8b95a7', fontSize: 11 }, tickLine: false };

export const TimeChart = memo(function TimeChart(p: TimeChartProps) {
  const toX = (t: number) => (t - p.offsetMs) / 1000;
  let max = 0;
  for (const s of p.series) for (const q of s.points) if (q.v !== null && q.v > max) max = q.v;
  const yTicks = valueTicks(max);
  const yMax = yTicks[yTicks.length - 1];
  const extent = [
    { x: p.xDomain[0], y: 0 },
    { x: p.xDomain[1], y: yMax },
  ];
  return (
    <figure className="chart" data-testid={p.testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <span className="chart-legend">
          {p.series.map((s) => (
            <span key={s.key} className="legend-item">
              <span className="legend-swatch" style={{ background: s.color }} />
              {s.name}
              {s.last !== undefined && (
                <b className="legend-value">{s.last === null ? '—' : formatValue(s.last)}</b>
              )}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart-plot" style={{ height: p.height ?? 170 }}>
        <ResponsiveContainer width="100%" height="100%" debounce={50}>
          <LineChart margin={{ top: 6, right: 14, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#222a36" vertical={false} />
            <XAxis
              type="number"
              dataKey="x"
              domain={p.xDomain}
              allowDataOverflow
              ticks={niceTicks(p.xDomain)}
              tickFormatter={(v: number) => `${Math.round(v)}`}
              {...axis}
            />
            <YAxis width={42} {...axis} domain={[0, yMax]} ticks={yTicks} interval={0} allowDataOverflow />
            {p.faults.map((f) => (
              <ReferenceArea
                key={f.id}
                x1={toX(f.from)}
                x2={toX(f.to ?? p.endT)}
                fill={FAULT_COLORS[f.kind]}
                fillOpacity={0.13}
                stroke="none"
                ifOverflow="hidden"
                className={`fault-shade fault-shade-${f.kind}`}
              />
            ))}
            {/* Invisible: gives the axes their extent (the series are drawn by SeriesPaths). */}
            <Line
              data={extent}
              dataKey="y"
              stroke="none"
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              legendType="none"
            />
            <SeriesPaths series={p.series} offsetMs={p.offsetMs} step={p.step} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
