// Convergence: when did the stores last become equal (same ids, or same row counts when
// the probe gives no ids), measured from the end of the last fault? Informational unless
// the scenario requires convergence. Only stores of rows count: a gauge (WAL held, lag, a
// queue's depth) is not a copy of the data and never equals the stores.
import type { Checker, CheckInput } from '../scenario';
import type { RunEvent, StoreSnapshot } from '../events';
import type { CheckResult } from './verdict';
import { rowSamples, rowStores } from './store-kinds';
import { storeIds } from './history-views';
import { nonOpEvents } from './shared-views';

export interface ConvergenceOptions {
  /** When true, stores that never converged make the check invalid ('not-converged'). */
  requireConvergence?: boolean;
  /** With requireConvergence: converging later than this after the last fault also fails. */
  withinMs?: number;
}

export interface ConvergenceInfo {
  /** When the last fault ended: its heal, or the last fault applied when none healed. */
  lastFaultAt: number | null;
  /** Since when the stores have been equal, up to the last sample; null if not equal then. */
  convergedAt: number | null;
  /** convergedAt measured from lastFaultAt (0 if they never diverged after it); null if never. */
  afterLastFaultMs: number | null;
  lastSampleAt: number | null;
  stores: string[];
}

interface StoreState {
  rows: number | null;
  ids?: ReadonlySet<string>;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function allEqual(states: StoreState[]): boolean {
  if (states.length === 0) return false;
  if (states.some((s) => s.rows === null)) return false;
  const first = states[0];
  if (states.every((s) => s.ids)) return states.every((s) => sameSet(s.ids!, first.ids!));
  return states.every((s) => s.rows === first.rows);
}

/** Final snapshots: equal when every store of rows is readable and holds the same ids. */
export function storesEqual(all: readonly StoreSnapshot[]): boolean {
  const stores = rowStores(all);
  if (stores.length === 0 || stores.some((s) => !s.available)) return false;
  return allEqual(stores.map((s) => ({ rows: s.rows, ids: storeIds(s) })));
}

/** The end of the last fault: the latest fault event that was applied or healed. */
export function lastFaultEnd(events: readonly RunEvent[]): number | null {
  let last: number | null = null;
  for (const ev of nonOpEvents(events)) {
    if (ev.type === 'fault' && (ev.state === 'applied' || ev.state === 'healed')) {
      last = last === null ? ev.t : Math.max(last, ev.t);
    }
  }
  return last;
}

/** Pure: computes convergence from the run's 'sample' and 'fault' events. */
export function convergenceOf(events: readonly RunEvent[]): ConvergenceInfo {
  const samples = rowSamples(nonOpEvents(events))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
  const stores = [...new Set(samples.map((s) => s.store))].sort();
  const lastFaultAt = lastFaultEnd(events);
  const state = new Map<string, StoreState>();
  let equalSince: number | null = null;
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k];
    state.set(s.store, { rows: s.rows, ids: s.ids ? new Set(s.ids) : undefined });
    // Judge once per instant, after every sample taken at that time is in.
    if (k + 1 < samples.length && samples[k + 1].t === s.t) continue;
    const equal = state.size === stores.length && allEqual([...state.values()]);
    if (!equal) equalSince = null;
    else if (equalSince === null) equalSince = s.t;
  }
  const lastSampleAt = samples.length ? samples[samples.length - 1].t : null;
  const evidenceAfterFault = lastSampleAt !== null && (lastFaultAt === null || lastSampleAt >= lastFaultAt);
  const convergedAt = evidenceAfterFault ? equalSince : null;
  const afterLastFaultMs = convergedAt === null ? null : Math.max(0, convergedAt - (lastFaultAt ?? 0));
  return { lastFaultAt, convergedAt, afterLastFaultMs, lastSampleAt, stores };
}

export function convergence(opts: ConvergenceOptions = {}): Checker {
  return {
    name: 'convergence',
    check(input: CheckInput): CheckResult {
      const info = convergenceOf(input.events);
      const finalStoresEqual = rowStores(input.finalStores).length ? storesEqual(input.finalStores) : null;
      const from =
        info.lastFaultAt === null
          ? 'the start'
          : `the last fault ended (${(info.lastFaultAt / 1000).toFixed(1)}s)`;
      let summary: string;
      if (info.lastSampleAt === null) summary = 'no probe samples, convergence not measured';
      else if (info.afterLastFaultMs === null)
        summary = `stores ${info.stores.join(', ')} never converged after ${from}`;
      else summary = `stores converged ${info.afterLastFaultMs} ms after ${from}`;
      if (finalStoresEqual === false) summary += '; final stores differ';

      const stats = { ...info, finalStoresEqual };
      if (!opts.requireConvergence) {
        return { name: 'convergence', valid: true, summary, anomalies: {}, examples: {}, stats };
      }
      const late =
        opts.withinMs !== undefined &&
        info.afterLastFaultMs !== null &&
        info.afterLastFaultMs > opts.withinMs;
      const failed = info.afterLastFaultMs === null || late || finalStoresEqual === false;
      if (info.lastSampleAt === null) {
        return {
          name: 'convergence',
          valid: 'unknown',
          summary,
          anomalies: { 'not-converged': 0 },
          examples: {},
          stats,
        };
      }
      if (late) summary += ` (more than the ${opts.withinMs} ms allowed)`;
      return {
        name: 'convergence',
        valid: failed ? false : true,
        summary,
        anomalies: { 'not-converged': failed ? 1 : 0 },
        examples: failed
          ? {
              'not-converged': [
                {
                  lastFaultAt: info.lastFaultAt,
                  lastSampleAt: info.lastSampleAt,
                  afterLastFaultMs: info.afterLastFaultMs,
                  withinMs: opts.withinMs,
                },
              ],
            }
          : {},
        stats,
      };
    },
  };
}
