// report.json: the run's outcome as plain data (the contract in DESIGN.md "Run outputs").
import type { RunEvent, RunStatus, StoreSnapshot } from '../events';
import type { Verdict, Validity } from '../checks/verdict';
import { countByType } from '../history';
import { convergenceOf } from '../checks/convergence';
import { pairFaults, type ReportFault } from './fault-intervals';
import { gaugeSummaries, type GaugeSummary } from './series';

export type { ReportFault } from './fault-intervals';

export interface ReportStore {
  name: string;
  rows: number;
  ids: string[];
  /** False when the store could not be read at the end. */
  available: boolean;
  /** Present for a gauge (its value is `rows`); absent for a store of rows. */
  kind?: 'gauge';
  unit?: string;
}

export interface ReportJson {
  runId: string | null;
  scenario: string;
  params: Record<string, unknown>;
  seed: number | null;
  labVersion: string | null;
  startedAt: string | null;
  /** From the 'end' event; for a run cut off without one, the time of its last event. */
  endedAt: string | null;
  durationMs: number;
  status: RunStatus;
  error?: string;
  verdict: Verdict;
  stores: ReportStore[];
  /**
   * Every gauge sampled during the run (WAL held, consumer lag 'lag:<group>', a DLQ's
   * depth): its last and highest value. Gauges never count towards convergence.
   */
  gauges: GaugeSummary[];
  ops: { invoked: number; ok: number; fail: number; info: number };
  faults: ReportFault[];
  convergence: { afterLastFaultMs: number | null; lastFaultAt: number | null; convergedAt: number | null };
  expected?: { valid: Validity; anomalies: string[] };
}

export interface BuildReportExtra {
  expected?: { valid: Validity; anomalies: string[] };
}

const NO_VERDICT: Verdict = { valid: 'unknown', anomalies: {}, examples: {}, checks: [] };

function lastOf<K extends RunEvent['type']>(
  events: readonly RunEvent[],
  type: K,
  pred?: (e: Extract<RunEvent, { type: K }>) => boolean,
) {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === type && (!pred || pred(e as Extract<RunEvent, { type: K }>)))
      return e as Extract<RunEvent, { type: K }>;
  }
  return undefined;
}

/** The stores read at the end: the given ones, else the run's 'final' snapshot, else none. */
export function finalStoresOf(
  events: readonly RunEvent[],
  given: readonly StoreSnapshot[] | null | undefined,
): StoreSnapshot[] {
  if (given && given.length > 0) return [...given];
  return lastOf(events, 'snapshot', (e) => e.reason === 'final')?.stores ?? [];
}

export function buildReport(
  events: readonly RunEvent[],
  verdict: Verdict | null,
  finalStores: readonly StoreSnapshot[] | null,
  extra: BuildReportExtra = {},
): ReportJson {
  const meta = lastOf(events, 'meta');
  const end = lastOf(events, 'end');
  const lastT = events.reduce((m, e) => Math.max(m, e.t), 0);
  const durationMs = end ? end.t : lastT;
  let endedAt: string | null = end?.endedAt ?? null;
  if (!endedAt && meta && Number.isFinite(Date.parse(meta.startedAt))) {
    endedAt = new Date(Date.parse(meta.startedAt) + lastT).toISOString();
  }
  const history = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
  const conv = convergenceOf(events);
  const report: ReportJson = {
    runId: meta?.runId ?? null,
    scenario: meta?.scenario ?? 'unknown',
    params: meta?.params ?? {},
    seed: meta?.seed ?? null,
    labVersion: meta?.labVersion ?? null,
    startedAt: meta?.startedAt ?? null,
    endedAt,
    durationMs,
    status: end ? end.status : 'aborted',
    verdict: verdict ?? lastOf(events, 'verdict')?.verdict ?? NO_VERDICT,
    stores: finalStoresOf(events, finalStores).map((s) => {
      const r: ReportStore = { name: s.name, rows: s.rows, ids: [...s.ids], available: s.available };
      if (s.kind === 'gauge') {
        r.kind = 'gauge';
        if (s.unit) r.unit = s.unit;
      }
      return r;
    }),
    gauges: gaugeSummaries(events),
    ops: countByType(history),
    faults: pairFaults(events),
    convergence: {
      afterLastFaultMs: conv.afterLastFaultMs,
      lastFaultAt: conv.lastFaultAt,
      convergedAt: conv.convergedAt,
    },
  };
  if (end?.error) report.error = end.error;
  if (extra.expected) report.expected = extra.expected;
  return report;
}
