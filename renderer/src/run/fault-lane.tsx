// Jepsen-style fault bands: one row per fault kind, each fault a bar from when it took effect
// to when it healed (open bars grow with the run). Shares the time axis of the charts. As in
// TimeChart, the recharts frame is memoised on the domain and the kinds, and the bars are a
// layer fed by a context, so an open bar growing with every batch re-renders that layer only.
import { createContext, memo, useContext, useMemo } from 'react';
import {
  ComposedChart,
  Line,
  ResponsiveContainer,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { FaultInterval } from '../model/run-model';
import type { FaultKind } from '../model/types';
import { FAULT_COLORS } from './palette';
import type { Scale } from './plot-data';

interface Props {
  faults: FaultInterval[];
  xDomain: [number, number];
  offsetMs: number;
  endT: number;
  title: string;
  emptyText: string;
}

interface LaneData {
  faults: readonly FaultInterval[];
  kinds: readonly FaultKind[];
  endT: number;
  offsetMs: number;
}

const LaneContext = createContext<LaneData>({ faults: [], kinds: [], endT: 0, offsetMs: 0 });

const ROW = 22;
const MARGIN = { top: 4, right: 14, bottom: 0, left: 0 };
const TICK = { fill: '#8b95a7', fontSize: 10 };

export const FaultLane = memo(function FaultLane(p: Props) {
  const kindsKey = [...new Set(p.faults.map((f) => f.kind))].join(',');
  const kinds = useMemo(() => (kindsKey ? (kindsKey.split(',') as FaultKind[]) : []), [kindsKey]);
  const lane = useMemo<LaneData>(
    () => ({ faults: p.faults, kinds, endT: p.endT, offsetMs: p.offsetMs }),
    [p.faults, kinds, p.endT, p.offsetMs],
  );
  return (
    <figure className="chart fault-lane" data-testid="fault-lane">
      <figcaption className="chart-head">
        <span className="chart-title">{p.title}</span>
        <span className="chart-legend">
          {kinds.length === 0 && <span className="muted">{p.emptyText}</span>}
          {kinds.map((k) => (
            <span key={k} className="legend-item" data-testid={`fault-kind-${k}`}>
              <span className="legend-swatch" style={{ background: FAULT_COLORS[k] }} />
              {k}
              <b className="legend-value">{p.faults.filter((f) => f.kind === k).length}</b>
            </span>
          ))}
        </span>
      </figcaption>
      {kinds.length > 0 && (
        <div className="chart-plot" style={{ height: kinds.length * ROW + 8 }}>
          <LaneContext.Provider value={lane}>
            <LaneFrame xDomain={p.xDomain} kinds={kinds} />
          </LaneContext.Provider>
        </div>
      )}
    </figure>
  );
});

const LaneFrame = memo(function LaneFrame({
  xDomain,
  kinds,
}: {
  xDomain: [number, number];
  kinds: readonly FaultKind[];
}) {
  const data = useMemo(
    () => [
      { x: xDomain[0], y: 0 },
      { x: xDomain[1], y: kinds.length },
    ],
    [xDomain, kinds.length],
  );
  const yDomain = useMemo<[number, number]>(() => [0, kinds.length], [kinds.length]);
  const ticks = useMemo(() => kinds.map((_, i) => i + 0.5), [kinds]);
  const label = useMemo(() => (v: number) => kinds[Math.floor(v)] ?? '', [kinds]);
  return (
    <ResponsiveContainer width="100%" height="100%" debounce={50}>
      <ComposedChart data={data} margin={MARGIN}>
        <XAxis type="number" dataKey="x" domain={xDomain} allowDataOverflow hide />
        <YAxis
          type="number"
          domain={yDomain}
          allowDataOverflow
          reversed
          width={42}
          ticks={ticks}
          tickFormatter={label}
          tick={TICK}
          tickLine={false}
          axisLine={false}
        />
        {/* Invisible: gives both axes their extent. */}
        <Line
          dataKey="y"
          stroke="none"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
          legendType="none"
        />
        <FaultBands />
      </ComposedChart>
    </ResponsiveContainer>
  );
});

/** One bar per fault in its kind's row, labelled with its target, clipped to the plot. */
function FaultBands() {
  const { faults, kinds, endT, offsetMs } = useContext(LaneContext);
  const xs = useXAxisScale() as Scale | undefined;
  const ys = useYAxisScale() as Scale | undefined;
  const area = usePlotArea();
  if (!xs || !ys || !area) return null;
  const left = area.x;
  const right = area.x + area.width;
  return (
    <g className="fault-bands">
      {faults.map((f) => {
        const row = kinds.indexOf(f.kind);
        const from = (f.from - offsetMs) / 1000;
        const to = Math.max(((f.to ?? endT) - offsetMs) / 1000, from + 0.05);
        const a = xs(from);
        const b = xs(to);
        const top = ys(row + 0.15);
        const bottom = ys(row + 0.85);
        if ([a, b, top, bottom].some((v) => v === undefined || !Number.isFinite(v))) return null;
        const x1 = Math.max(left, Math.min(a!, b!));
        const x2 = Math.min(right, Math.max(a!, b!));
        if (x2 < x1) return null;
        const y1 = Math.min(top!, bottom!);
        const h = Math.abs(bottom! - top!);
        const color = FAULT_COLORS[f.kind];
        return (
          <g key={f.id}>
            <rect
              className={`fault-band fault-band-${f.kind}`}
              x={x1}
              y={y1}
              width={x2 - x1}
              height={h}
              fill={color}
              fillOpacity={f.to === null ? 0.55 : 0.8}
              stroke={color}
              strokeOpacity={0.9}
            />
            <text
              x={(x1 + x2) / 2}
              y={y1 + h / 2}
              dy="0.355em"
              textAnchor="middle"
              fill="#0b0e14"
              fontSize={10}
              fontWeight={600}
            >
              {`${f.target}${f.peer ? ` ⇹ ${f.peer}` : ''}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}
