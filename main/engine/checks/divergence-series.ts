// For charts: at each probe sample, how many acknowledged writes (acknowledged by then)
// the sampled store is missing. With ids in the sample this is exact; with only a row
// count it is the shortfall (acknowledged so far minus rows, floored at 0). Gauges are left
// out: they are not stores of the writes.
import type { RunEvent } from '../events';
import type { AckedWrite } from './history-views';
import { rowSamples } from './store-kinds';
import { nonOpEvents } from './shared-views';

export interface DivergencePoint {
  t: number;
  store: string;
  /** Null when the store could not be read at that moment. */
  missing: number | null;
}

export function divergenceSeries(
  events: readonly RunEvent[],
  ackedByTime: readonly AckedWrite[],
): DivergencePoint[] {
  const acked = [...ackedByTime].sort((a, b) => a.t - b.t);
  const samples = rowSamples(nonOpEvents(events))
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
  const out: DivergencePoint[] = [];
  let upTo = 0;
  const ackedSoFar = new Set<string>();
  for (const s of samples) {
    while (upTo < acked.length && acked[upTo].t <= s.t) ackedSoFar.add(acked[upTo++].id);
    if (s.rows === null) {
      out.push({ t: s.t, store: s.store, missing: null });
    } else if (s.ids) {
      // Missing = acknowledged so far minus those the sample shows: counted over the
      // sample's own ids, so a small (or empty) store costs little however many were acked.
      let shown = 0;
      for (const id of new Set(s.ids)) if (ackedSoFar.has(id)) shown++;
      out.push({ t: s.t, store: s.store, missing: ackedSoFar.size - shown });
    } else {
      out.push({ t: s.t, store: s.store, missing: Math.max(0, ackedSoFar.size - s.rows) });
    }
  }
  return out;
}
