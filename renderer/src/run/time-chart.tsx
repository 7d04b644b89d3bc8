// One time-series chart: lines (already decimated) on a numeric time axis shared by every
// chart of the view, with fault intervals shaded behind. No animation. Split in two so that a
// new batch of samples costs little: the recharts frame (axes, grid) is memoised on the
// domains alone, and the layers that change with every batch (series paths, fault shades)
// read their data from PlotDataContext; the legend is plain HTML beside it.
import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { FaultShades } from './fault-shades';
import { SeriesPaths } from './series-paths';
import { PlotDataContext, type PlotData } from './plot-data';
import type { FaultInterval } from '../model/run-model';
import type { Point } from '../model/lttb';
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
const MARGIN = { top: 6, right: 14, bottom: 0, left: 0 };
const formatSeconds = (v: number) => `${Math.round(v)}`;

export const TimeChart = memo(function TimeChart(p: TimeChartProps) {
  let max = 0;
  for (const s of p.series) for (const q of s.points) if (q.v !== null && q.v > max) max = q.v;
  // The value axis only moves when its ticks do: keep the same array until then.
  const yTicksKey = valueTicks(max).join(',');
  const yTicks = useMemo(() => yTicksKey.split(',').map(Number), [yTicksKey]);
  const step = p.step ?? false;
  const plot = useMemo<PlotData>(
    () => ({ series: p.series, faults: p.faults, endT: p.endT, offsetMs: p.offsetMs, step }),
    [p.series, p.faults, p.endT, p.offsetMs, step],
  );
  return (
    <figure className="chart" data-testid={p.testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <ChartLegend series={p.series} />
      </figcaption>
      <div className="chart-plot" style={{ height: p.height ?? 170 }}>
        <PlotDataContext.Provider value={plot}>
          <ChartFrame xDomain={p.xDomain} yTicks={yTicks} />
        </PlotDataContext.Provider>
      </div>
    </figure>
  );
});

function ChartLegend({ series }: { series: readonly ChartSeries[] }) {
  return (
    <span className="chart-legend">
      {series.map((s) => (
        <span key={s.key} className="legend-item">
          <span className="legend-swatch" style={{ background: s.color }} />
          {s.name}
          {s.last !== undefined && (
            <b className="legend-value">{s.last === null ? '—' : formatValue(s.last)}</b>
          )}
        </span>
      ))}
    </span>
  );
}

/** Axes, grid and the plot's layers: re-rendered only when a domain changes. */
const ChartFrame = memo(function ChartFrame({
  xDomain,
  yTicks,
}: {
  xDomain: [number, number];
  yTicks: number[];
}) {
  const yMax = yTicks[yTicks.length - 1];
  const xTicks = useMemo(() => niceTicks(xDomain), [xDomain]);
  const yDomain = useMemo<[number, number]>(() => [0, yMax], [yMax]);
  const extent = useMemo(
    () => [
      { x: xDomain[0], y: 0 },
      { x: xDomain[1], y: yMax },
    ],
    [xDomain, yMax],
  );
  return (
    <ResponsiveContainer width="100%" height="100%" debounce={50}>
      <LineChart margin={MARGIN}>
        <CartesianGrid stroke="#222a36" vertical={false} />
        <XAxis
          type="number"
          dataKey="x"
          domain={xDomain}
          allowDataOverflow
          ticks={xTicks}
          tickFormatter={formatSeconds}
          {...axis}
        />
        <YAxis width={42} {...axis} domain={yDomain} ticks={yTicks} interval={0} allowDataOverflow />
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
        <FaultShades />
        <SeriesPaths />
      </LineChart>
    </ResponsiveContainer>
  );
});

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
