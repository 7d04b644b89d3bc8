// Rows or gauge: which probe samples and final stores hold rows (compared with one another
// and with the acknowledged writes) and which are gauges (charted, never compared). A
// sample or snapshot without a kind is a store of rows (run logs from before gauges). Pure.
import type { RunEvent, SampleKind, StoreSnapshot } from '../events';

export type SampleEvent = Extract<RunEvent, { type: 'sample' }>;

export function isGauge(x: { kind?: SampleKind }): boolean {
  return x.kind === 'gauge';
}

/** The stores of rows among `stores` (gauges left out). */
export function rowStores<T extends { kind?: SampleKind }>(stores: readonly T[]): T[] {
  return stores.filter((s) => !isGauge(s));
}

/** The probe samples of stores of rows, in the order recorded. */
export function rowSamples(events: readonly RunEvent[]): SampleEvent[] {
  return events.filter((e): e is SampleEvent => e.type === 'sample' && !isGauge(e));
}

/** The probe samples of gauges, in the order recorded. */
export function gaugeSamples(events: readonly RunEvent[]): SampleEvent[] {
  return events.filter((e): e is SampleEvent => e.type === 'sample' && isGauge(e));
}

/** Each gauge's unit, from its samples (the first one that names a unit). */
export function gaugeUnits(events: readonly RunEvent[]): Map<string, string | undefined> {
  const units = new Map<string, string | undefined>();
  for (const e of events) {
    if (e.type !== 'sample' || !isGauge(e)) continue;
    if (units.get(e.store) === undefined) units.set(e.store, e.unit);
  }
  return units;
}

/** A final store for reports: a gauge is labelled with its kind and unit. */
export function describeStore(s: StoreSnapshot): string {
  if (!s.available) return `${s.name}: unreadable`;
  if (isGauge(s)) return `${s.name}: ${s.rows}${s.unit ? ` ${s.unit}` : ''} (gauge)`;
  return `${s.name}: ${s.rows} ${s.rows === 1 ? 'row' : 'rows'}`;
}
