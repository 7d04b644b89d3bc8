// Informational: how far the instances' stores drifted apart, from the lab's probe samples.
//   missing  the most acknowledged orders one store lacked at one moment
//   spread   the most orders held by some instance's state but not by all of them (this
//            counts orders not yet acknowledged too: a write waiting for Kafka is already
//            in its instance's store)
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { RunEvent } from '../../main/engine/events';
import type { CheckResult } from '../../main/engine/checks/verdict';
import { ackedWrites } from '../../main/engine/checks/history-views';
import { divergenceSeries } from '../../main/engine/checks/divergence-series';
import { isGauge } from '../../main/engine/checks/store-kinds';
import { isLogStore } from './stores';

export interface Peak {
  value: number;
  at: number | null;
  store?: string | null;
}

type Sample = Extract<RunEvent, { type: 'sample' }>;

/**
 * Spread of the state stores over time: at each sample, |union - intersection| of their ids.
 * Gauges (the consumer groups' lag) are not state stores.
 */
export function spreadSeries(events: readonly RunEvent[]): { t: number; spread: number }[] {
  const samples = events.filter(
    (e): e is Sample => e.type === 'sample' && !isGauge(e) && !isLogStore(e.store),
  );
  const stores = new Set(samples.map((s) => s.store));
  const latest = new Map<string, Set<string> | null>();
  const out: { t: number; spread: number }[] = [];
  for (const s of [...samples].sort((a, b) => a.t - b.t)) {
    latest.set(s.store, s.rows === null || !s.ids ? null : new Set(s.ids));
    if (latest.size < stores.size) continue;
    const sets = [...latest.values()];
    if (sets.some((x) => x === null)) continue;
    const union = new Set<string>();
    for (const x of sets) for (const id of x!) union.add(id);
    let inAll = 0;
    for (const id of union) if (sets.every((x) => x!.has(id))) inAll++;
    out.push({ t: s.t, spread: union.size - inAll });
  }
  return out;
}

export function divergencePeak(addF = 'add'): Checker {
  return {
    name: 'divergence',
    check(input: CheckInput): CheckResult {
      const series = divergenceSeries(input.events, ackedWrites(input.history, addF));
      const missingPeak = (logs: boolean): Peak => {
        let best: Peak = { value: 0, at: null, store: null };
        for (const p of series) {
          if (isLogStore(p.store) !== logs || p.missing === null) continue;
          if (p.missing > best.value) best = { value: p.missing, at: p.t, store: p.store };
        }
        return best;
      };
      let spread: Peak = { value: 0, at: null };
      for (const p of spreadSeries(input.events))
        if (p.spread > spread.value) spread = { value: p.spread, at: p.t };
      const missing = missingPeak(false);
      const applied = missingPeak(true);
      const at = (t: number | null) => `${((t ?? 0) / 1000).toFixed(1)} s`;
      const summary =
        spread.value === 0 && missing.value === 0
          ? 'the stores were never seen apart'
          : `the stores were seen up to ${spread.value} orders apart (at ${at(spread.at)}); ` +
            `at most ${missing.value} acknowledged orders were missing from one store (${missing.store ?? '-'}, at ${at(missing.at)})`;
      return {
        name: 'divergence',
        valid: true,
        summary,
        anomalies: {},
        examples: {},
        stats: { missing, applied, spread },
      };
    },
  };
}
