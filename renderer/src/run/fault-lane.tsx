// Jepsen-style fault bands: one row per fault kind, each fault a bar from when it took effect
// to when it healed (open bars grow with the run). Shares the time axis of the charts.
import { memo } from 'react';
import { ComposedChart, Line, ReferenceArea, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { FaultInterval } from '../model/run-model';
import type { FaultKind } from '../model/types';
import { FAULT_COLORS } from './palette';

interface Props {
  faults: FaultInterval[];
  xDomain: [number, number];
  offsetMs: number;
  endT: number;
  title: string;
  emptyText: string;
}

const ROW = 22;

export const FaultLane = memo(function FaultLane(p: Props) {
  const kinds = [...new Set(p.faults.map((f) => f.kind))] as FaultKind[];
  const toX = (t: number) => (t - p.offsetMs) / 1000;
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
          <ResponsiveContainer width="100%" height="100%" debounce={50}>
            <ComposedChart
              data={[
                { x: p.xDomain[0], y: 0 },
                { x: p.xDomain[1], y: kinds.length },
              ]}
              margin={{ top: 4, right: 14, bottom: 0, left: 0 }}
            >
              <XAxis type="number" dataKey="x" domain={p.xDomain} allowDataOverflow hide />
              <YAxis
                type="number"
                domain={[0, kinds.length]}
                allowDataOverflow
                reversed
                width={42}
                ticks={kinds.map((_, i) => i + 0.5)}
                tickFormatter={(v: number) => kinds[Math.floor(v)] ?? ''}
                tick={{ fill: '#8b95a7', fontSize: 10 }}
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
              {p.faults.map((f) => {
                const row = kinds.indexOf(f.kind);
                return (
                  <ReferenceArea
                    key={f.id}
                    x1={toX(f.from)}
                    x2={Math.max(toX(f.to ?? p.endT), toX(f.from) + 0.05)}
                    y1={row + 0.15}
                    y2={row + 0.85}
                    fill={FAULT_COLORS[f.kind]}
                    fillOpacity={f.to === null ? 0.55 : 0.8}
                    stroke={FAULT_COLORS[f.kind]}
                    strokeOpacity={0.9}
                    ifOverflow="hidden"
                    className={`fault-band fault-band-${f.kind}`}
                    label={{
                      value: `${f.target}${f.peer ? ` ⇹ ${f.peer}` : ''}`,
                      fill: '#0b0e14',
                      fontSize: 10,
                      fontWeight: 600,
                    }}
                  />
                );
              })}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
});
