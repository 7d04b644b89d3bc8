// Time series extracted from a run's events, for the report's charts and CSV. Pure.
// Times are ms since the run started; values are null where nothing could be measured.
import type { RunEvent } from '../events';
import { ackedWrites } from '../checks/history-views';
import { divergenceSeries } from '../checks/divergence-series';
import { gaugeUnits, isGauge } from '../checks/store-kinds';
import { pairFaults } from './fault-intervals';
import type { FaultKind, FaultSource } from '../events';
import type { Point } from './lttb';

export { lttb, decimate, type Point, type XY } from './lttb';

export interface NamedSeries {
  /** The store's name, or the outcome for throughput. */
  name: string;
  points: Point[];
}

export interface FaultInterval {
  kind: FaultKind;
  target: string;
  peer?: string;
  from: number;
  /** Null when never healed. */
  to: number | null;
  source: FaultSource;
}

function groupBy(points: { key: string; t: number; v: number | null }[]): NamedSeries[] {
  const by = new Map<string, Point[]>();
  for (const p of points) {
    const list = by.get(p.key) ?? [];
    list.push({ t: p.t, v: p.v });
    by.set(p.key, list);
  }
  return [...by.keys()].sort().map((name) => ({ name, points: by.get(name)!.sort((a, b) => a.t - b.t) }));
}

/** Rows per store over time, from probe samples (null while a store could not be read). Gauges left out. */
export function rowsSeries(events: readonly RunEvent[]): NamedSeries[] {
  return groupBy(
    events.flatMap((e) => (e.type === 'sample' && !isGauge(e) ? [{ key: e.store, t: e.t, v: e.rows }] : [])),
  );
}

export interface GaugeSeries extends NamedSeries {
  /** "KiB", "messages"; undefined when the gauge names none. */
  unit: string | undefined;
}

/** Each gauge over time (null while it could not be read), with its unit. */
export function gaugeSeries(events: readonly RunEvent[]): GaugeSeries[] {
  const units = gaugeUnits(events);
  return groupBy(
    events.flatMap((e) => (e.type === 'sample' && isGauge(e) ? [{ key: e.store, t: e.t, v: e.rows }] : [])),
  ).map((s) => ({ ...s, unit: units.get(s.name) }));
}

/** Gauges grouped by unit (one chart each), units in alphabetical order, no unit last. */
export function gaugesByUnit(
  events: readonly RunEvent[],
): { unit: string | undefined; series: GaugeSeries[] }[] {
  const by = new Map<string | undefined, GaugeSeries[]>();
  for (const g of gaugeSeries(events)) {
    const list = by.get(g.unit) ?? [];
    list.push(g);
    by.set(g.unit, list);
  }
  return [...by]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b)))
    .map(([unit, series]) => ({ unit, series }));
}

export interface GaugeSummary {
  name: string;
  unit?: string;
  samples: number;
  /** The last value read (null if the last read failed). */
  last: number | null;
  /** The highest value read, and when. */
  peak: number | null;
  peakAt: number | null;
}

/** What report.json says of each gauge. */
export function gaugeSummaries(events: readonly RunEvent[]): GaugeSummary[] {
  return gaugeSeries(events).map((g) => {
    let peak: number | null = null;
    let peakAt: number | null = null;
    for (const p of g.points)
      if (p.v !== null && (peak === null || p.v > peak)) {
        peak = p.v;
        peakAt = p.t;
      }
    const s: GaugeSummary = {
      name: g.name,
      samples: g.points.length,
      last: g.points.length ? g.points[g.points.length - 1].v : null,
      peak,
      peakAt,
    };
    if (g.unit) s.unit = g.unit;
    return s;
  });
}

/** Acknowledged writes missing from each store over time. */
export function divergenceByStore(events: readonly RunEvent[], addF = 'add'): NamedSeries[] {
  const history = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
  return groupBy(
    divergenceSeries(events, ackedWrites(history, addF)).map((p) => ({ key: p.store, t: p.t, v: p.missing })),
  );
}

export const OUTCOMES = ['ok', 'fail', 'info'] as const;

/**
 * Completed ops per second by outcome, in buckets of `bucketMs` (a point per bucket start,
 * zeros included) from 0 to the last event.
 */
export function throughputSeries(events: readonly RunEvent[], bucketMs = 1000): NamedSeries[] {
  const end = events.reduce((m, e) => Math.max(m, e.t), 0);
  const buckets = Math.max(1, Math.ceil(end / bucketMs));
  const counts: Record<string, number[]> = {};
  for (const o of OUTCOMES) counts[o] = new Array<number>(buckets).fill(0);
  for (const e of events) {
    if (e.type !== 'op' || e.op.type === 'invoke') continue;
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(e.op.time / bucketMs)));
    counts[e.op.type][b]++;
  }
  const scale = 1000 / bucketMs;
  return OUTCOMES.map((o) => ({
    name: o,
    points: counts[o].map((c, i) => ({ t: i * bucketMs, v: c * scale })),
  }));
}

/** Fault intervals: each applied fault from when it took effect to when it was healed. */
export function faultIntervals(events: readonly RunEvent[]): FaultInterval[] {
  return pairFaults(events).map((f) => {
    const i: FaultInterval = { kind: f.kind, target: f.target, from: f.at, to: f.until, source: f.source };
    if (f.peer !== undefined) i.peer = f.peer;
    return i;
  });
}
