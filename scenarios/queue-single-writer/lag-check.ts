// Read-after-write lag: for every acknowledged order, how long after the acknowledgement its
// user could first read it from the single database. A first read that missed it is a
// stale read (the user does not see their own write); the lag samples go into the stats.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks/verdict';
import { firstExamples } from '../../main/engine/checks/compose';
import { pairWithPositions } from '../../main/engine/checks/history-views';
import type { ReadOwnValue } from './client';

export interface LagSample {
  /** When the order was acknowledged (ms since the run started). */
  t: number;
  id: string;
  /** Null when it never became visible within the read's timeout. */
  lagMs: number | null;
  firstReadSaw: boolean;
}

export function lagSamples(input: CheckInput, readF = 'read-own'): LagSample[] {
  const out: LagSample[] = [];
  for (const p of pairWithPositions(input.history)) {
    if (p.invoke.f !== readF || p.complete?.type !== 'ok') continue;
    const v = p.complete.value as ReadOwnValue;
    out.push({ t: p.invoke.time, id: v.id, lagMs: v.lagMs, firstReadSaw: v.firstReadSaw });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** The q-quantile (0..1) of sorted numbers, nearest rank; null for none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function readAfterWriteLag(readF = 'read-own'): Checker {
  return {
    name: 'read-after-write-lag',
    check(input: CheckInput): CheckResult {
      const samples = lagSamples(input, readF);
      const stale = samples.filter((s) => !s.firstReadSaw);
      const firstMissed = stale.length;
      const never = samples.filter((s) => s.lagMs === null);
      const lags = samples.flatMap((s) => (s.lagMs === null ? [] : [s.lagMs])).sort((a, b) => a - b);
      const stats = {
        samples,
        count: samples.length,
        p50: quantile(lags, 0.5),
        p95: quantile(lags, 0.95),
        max: lags.length ? lags[lags.length - 1] : null,
        staleFirstReads: firstMissed,
        neverVisible: never.length,
      };
      const summary =
        samples.length === 0
          ? 'no order was read back after its acknowledgement'
          : `${samples.length} orders read back: visible after p50 ${stats.p50} ms, p95 ${stats.p95} ms, max ${stats.max} ms; ` +
            `the first read right after the acknowledgement missed ${firstMissed}` +
            (never.length ? `; ${never.length} never became visible within the read timeout` : '');
      return {
        name: 'read-after-write-lag',
        valid: samples.length === 0 ? 'unknown' : firstMissed + never.length > 0 ? false : true,
        summary,
        anomalies: { 'stale-read': firstMissed, 'never-visible': never.length },
        examples: {
          ...(stale.length ? { 'stale-read': firstExamples(stale) } : {}),
          ...(never.length ? { 'never-visible': firstExamples(never) } : {}),
        },
        stats,
      };
    },
  };
}
