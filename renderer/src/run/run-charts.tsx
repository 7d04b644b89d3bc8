// The run's charts (fault bands, rows per store, divergence, throughput, gauges by unit, other probes),
// computed from the model at most a few times a second and decimated to ~1000 points.
import { useMemo } from 'react';
import { useLang } from '../i18n';
import { decimateGrowing, type Point } from '../model/lttb';
import { OUTCOMES, type FaultInterval, type Outcome, type RunModel } from '../model/run-model';
import { FaultLane } from './fault-lane';
import { OUTCOME_COLORS, SERIES_COLORS } from './palette';
import { TimeChart, type ChartSeries } from './time-chart';

const POINTS_ON_SCREEN = 1000;
/** localeCompare(a, b, undefined, { numeric: true }) without building a collator per call. */
const byName = new Intl.Collator(undefined, { numeric: true });

export interface ChartData {
  rows: ChartSeries[];
  divergence: ChartSeries[];
  throughput: ChartSeries[];
  /** Gauges (WAL held, consumer lag...), one chart per unit. */
  gauges: { unit: string | undefined; series: ChartSeries[] }[];
  probes: { probe: string; series: ChartSeries[] }[];
  faults: FaultInterval[];
  /** "Now" for the faults still open; 0 while none is, so the fault layers stay untouched. */
  endT: number;
}

/**
 * What chartData() kept from its last call for a model, so that what did not change keeps its
 * identity (memoised charts skip it) and the series grow in place (incremental decimation and
 * paths apply).
 */
interface Memory {
  faultsKey: string;
  faults: FaultInterval[];
  throughput: Record<Outcome, Point[]>;
  series: Map<string, ChartSeries[]>;
}

const memories = new WeakMap<RunModel, Memory>();

function memoryOf(model: RunModel): Memory {
  let m = memories.get(model);
  if (!m) {
    m = { faultsKey: '', faults: [], throughput: { ok: [], fail: [], info: [] }, series: new Map() };
    memories.set(model, m);
  }
  return m;
}

/** The previous array when every series is the same as before. */
function same(mem: Memory, name: string, next: ChartSeries[]): ChartSeries[] {
  const prev = mem.series.get(name);
  if (
    prev &&
    prev.length === next.length &&
    prev.every(
      (p, i) =>
        p.key === next[i].key &&
        p.points === next[i].points &&
        p.last === next[i].last &&
        p.color === next[i].color,
    )
  )
    return prev;
  mem.series.set(name, next);
  return next;
}

function toSeries(
  byStore: Map<string, Point[]> | undefined,
  colorOf: (name: string) => string,
): ChartSeries[] {
  if (!byStore) return [];
  return [...byStore]
    .sort(([a], [b]) => byName.compare(a, b))
    .map(([name, pts]) => ({
      key: name,
      name,
      color: colorOf(name),
      points: decimateGrowing(pts, POINTS_ON_SCREEN),
      last: pts.length ? pts[pts.length - 1].v : undefined,
    }));
}

/** Gauges grouped by unit, units in alphabetical order (none last); colours by place in their chart. */
function gaugeCharts(mem: Memory, model: RunModel): ChartData['gauges'] {
  const byUnit = new Map<string | undefined, Map<string, Point[]>>();
  for (const [name, pts] of model.gauges) {
    const unit = model.gaugeUnits.get(name);
    let m = byUnit.get(unit);
    if (!m) byUnit.set(unit, (m = new Map()));
    m.set(name, pts);
  }
  return [...byUnit]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : byName.compare(a, b)))
    .map(([unit, m]) => {
      const names = [...m.keys()].sort((a, b) => byName.compare(a, b));
      const colorOf = (n: string) => SERIES_COLORS[names.indexOf(n) % SERIES_COLORS.length];
      return { unit, series: same(mem, `gauge:${unit ?? ''}`, toSeries(m, colorOf)) };
    });
}

/**
 * Per-second counts as points, kept between calls: new seconds are appended to the same
 * array; if an earlier second changed (a late op), the array is rebuilt as a new one.
 */
function countPoints(prev: Point[], counts: readonly number[]): Point[] {
  const n = Math.min(prev.length, counts.length);
  let changed = prev.length > counts.length;
  for (let i = 0; i < n && !changed; i++) if (prev[i].v !== counts[i]) changed = true;
  const out = changed
    ? prev.slice(0, n).map((p, i) => (p.v === counts[i] ? p : { t: p.t, v: counts[i] }))
    : prev;
  for (let i = out.length; i < counts.length; i++) out.push({ t: i * 1000, v: counts[i] });
  return out;
}

export function chartData(model: RunModel): ChartData {
  const mem = memoryOf(model);
  const stores = model.stores;
  const colorOf = (name: string) => SERIES_COLORS[Math.max(0, stores.indexOf(name)) % SERIES_COLORS.length];
  const live = model.status === 'running';
  const throughput = OUTCOMES.map((o) => {
    // While running, the last second is still filling up: leave it out.
    const counts = live ? model.throughput[o].slice(0, -1) : model.throughput[o];
    const pts = (mem.throughput[o] = countPoints(mem.throughput[o], counts));
    return {
      key: o,
      name: o,
      color: OUTCOME_COLORS[o],
      points: decimateGrowing(pts, POINTS_ON_SCREEN),
      last: counts.length ? counts[counts.length - 1] : undefined,
    };
  });
  // Fault intervals are edited in place by the model (an open one gets its end): compare by value.
  const faultsKey = model.faults.map((f) => `${f.id}:${f.kind}:${f.from}:${f.to}`).join('|');
  if (faultsKey !== mem.faultsKey) {
    mem.faultsKey = faultsKey;
    mem.faults = model.faults.map((f) => ({ ...f }));
  }
  const open = model.faults.some((f) => f.to === null);
  return {
    rows: same(mem, 'rows', toSeries(model.samples.get('rows'), colorOf)),
    divergence: same(mem, 'divergence', toSeries(model.missing, colorOf)),
    throughput: same(mem, 'throughput', throughput),
    gauges: gaugeCharts(mem, model),
    probes: [...model.samples.keys()]
      .filter((p) => p !== 'rows')
      .map((probe) => ({
        probe,
        series: same(mem, `probe:${probe}`, toSeries(model.samples.get(probe), colorOf)),
      })),
    faults: mem.faults,
    endT: open ? model.endT : 0,
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
      {data.gauges.map((g) => (
        <TimeChart
          key={`gauge:${g.unit ?? ''}`}
          testId={`chart-gauge-${g.unit ?? 'value'}`}
          title={g.unit ? t('run.gaugesIn', { unit: g.unit }) : t('run.gauges')}
          series={g.series}
          height={h}
          {...common}
        />
      ))}
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
