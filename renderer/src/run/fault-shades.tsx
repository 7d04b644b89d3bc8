// Fault intervals shaded behind a time chart's lines, drawn with the chart's own x scale from
// PlotDataContext: an open fault grows with every batch without re-rendering recharts' tree.
import { useContext } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import { FAULT_COLORS } from './palette';
import { PlotDataContext, type Scale } from './plot-data';

export function FaultShades() {
  const { faults, endT, offsetMs } = useContext(PlotDataContext);
  const xs = useXAxisScale() as Scale | undefined;
  const area = usePlotArea();
  if (!xs || !area || faults.length === 0) return null;
  const left = area.x;
  const right = area.x + area.width;
  return (
    <g className="fault-shades">
      {faults.map((f) => {
        const a = xs((f.from - offsetMs) / 1000);
        const b = xs(((f.to ?? endT) - offsetMs) / 1000);
        if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return null;
        // Clipped to the plot area, like a ReferenceArea with ifOverflow="hidden".
        const x1 = Math.max(left, Math.min(a, b));
        const x2 = Math.min(right, Math.max(a, b));
        if (x2 < x1) return null;
        return (
          <rect
            key={f.id}
            className={`fault-shade fault-shade-${f.kind}`}
            x={x1}
            y={area.y}
            width={x2 - x1}
            height={area.height}
            fill={FAULT_COLORS[f.kind]}
            fillOpacity={0.13}
          />
        );
      })}
    </g>
  );
}
