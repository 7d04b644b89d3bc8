// The run's charts (fault bands, rows per store, divergence, throughput, other probes),
// computed from the model at most a few times a second and decimated to ~1000 points.
import { useMemo } from 'react';
import { useLang } from '../i18n';
import { decimateGrowing, lttb, type Point } from '../model/lttb';
import { OUTCOMES, type FaultInterval, type RunModel } from '../model/run-model';
import { FaultLane } from './fault-lane';
import { OUTCOME_COLORS, SERIES_COLORS } from './palette';
import { TimeChart, type ChartSeries } from './time-chart';

const POINTS_ON_SCREEN = 1000;

export interface ChartData {
  rows: ChartSeries[];
  divergence: ChartSeries[];
  throughput: ChartSeries[];
  probes: { probe: string; series: ChartSeries[] }[];
  faults: FaultInterval[];
  endT: number;
}

function toSeries(
  byStore: Map<string, Point[]> | undefined,
  colorOf: (name: string) => string,
): ChartSeries[] {
  if (!byStore) return [];
  return [...byStore]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, pts]) => ({
      key: name,
      name,
      color: colorOf(name),
      points: decimateGrowing(pts, POINTS_ON_SCREEN),
      last: pts.length ? pts[pts.length - 1].v : undefined,
    }));
}

export function chartData(model: RunModel): ChartData {
  const stores = model.stores;
  const colorOf = (name: string) => SERIES_COLORS[Math.max(0, stores.indexOf(name)) % SERIES_COLORS.length];
  const live = model.status === 'running';
  const throughput = OUTCOMES.map((o) => {
    // While running, the last second is still filling up: leave it out.
    const counts = live ? model.throughput[o].slice(0, -1) : model.throughput[o];
    const pts: Point[] = counts.map((c, i) => ({ t: i * 1000, v: c }));
    return {
      key: o,
      name: o,
      color: OUTCOME_COLORS[o],
      points: lttb(pts, POINTS_ON_SCREEN),
      last: counts.length ? counts[counts.length - 1] : undefined,
    };
  });
  return {
    rows: toSeries(model.samples.get('rows'), colorOf),
    divergence: toSeries(model.missing, colorOf),
    throughput,
    probes: [...model.samples.keys()]
      .filter((p) => p !== 'rows')
      .map((probe) => ({ probe, series: toSeries(model.samples.get(probe), colorOf) })),
    faults: model.faults.map((f) => ({ ...f })),
    endT: model.endT,
  };
}

/** Recomputed only when the model's version changes (the store throttles that). */
export function useChartData(model: RunModel | undefined, version: number): ChartData | null {
  return useMemo(() => (model ? chartData(model) : null), [model, version]);
}

interface Props {
  data: ChartData;
  xDomain: [number, number];
  offsetMs?: number;
  compact?: boolean;
  aligned?: boolean;
}

export function RunCharts({ data, xDomain, offsetMs = 0, compact, aligned }: Props) {
  const { t } = useLang();
  const h = compact ? 140 : 170;
  const common = {
    faults: data.faults,
    xDomain,
    offsetMs,
    endT: data.endT,
    xLabel: t(aligned ? 'run.alignedSeconds' : 'run.seconds'),
  };
  return (
    <div className="charts">
      <FaultLane
        faults={data.faults}
        xDomain={xDomain}
        offsetMs={offsetMs}
        endT={data.endT}
        title={t('run.faults')}
        emptyText={t('run.noFaults')}
      />
      <TimeChart testId="chart-rows" title={t('run.rows')} series={data.rows} height={h} {...common} />
      <TimeChart
        testId="chart-divergence"
        title={t('run.divergence')}
        series={data.divergence}
        height={h}
        step
        {...common}
      />
      <TimeChart
        testId="chart-throughput"
        title={t('run.throughput')}
        series={data.throughput}
        height={compact ? 120 : 150}
        step
        {...common}
      />
      {data.probes.map((p) => (
        <TimeChart
          key={p.probe}
          testId={`chart-probe-${p.probe}`}
          title={p.probe}
          series={p.series}
          height={h}
          {...common}
        />
      ))}
      <div className="axis-caption">{common.xLabel}</div>
    </div>
  );
}
