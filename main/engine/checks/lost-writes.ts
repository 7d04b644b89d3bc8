// Lost writes: acknowledged adds whose id no final store of rows holds (a gauge, such as a
// DLQ's depth, is not where the data lives). An add with an unknown outcome (info, or still
// pending) is neither acknowledged nor lost.
import type { Checker, CheckInput } from '../scenario';
import type { RunEvent } from '../events';
import type { CheckResult, Validity } from './verdict';
import { firstExamples } from './compose';
import { storeIds, writesOf, type WriteRecord } from './history-views';
import { ackedHoldings, heldAnywhere } from './acked-holdings';
import { nonOpEvents } from './shared-views';
import { isGauge, rowStores } from './store-kinds';

export interface LostWritesOptions {
  addF?: string;
}

/** Where a lost id was last seen before it vanished. */
export interface LastSeen {
  store: string;
  t: number;
  /** Which record showed it: a snapshot (e.g. taken right before a kill) or a probe sample. */
  from: 'snapshot' | 'sample';
}

/** For each id, the latest snapshot or sample that showed it in some store. Pure. */
export function lastSeenIn(events: readonly RunEvent[], ids: ReadonlySet<string>): Map<string, LastSeen> {
  const seen = new Map<string, LastSeen>();
  const note = (id: string, store: string, t: number, from: LastSeen['from']) => {
    if (!ids.has(id)) return;
    const prev = seen.get(id);
    // Later wins; at the same time a snapshot is preferred to a sample.
    if (!prev || t > prev.t || (t === prev.t && from === 'snapshot' && prev.from === 'sample')) {
      seen.set(id, { store, t, from });
    }
  };
  for (const ev of nonOpEvents(events)) {
    if (ev.type === 'snapshot') {
      for (const s of rowStores(ev.stores))
        if (s.available) for (const id of s.ids) note(id, s.name, ev.t, 'snapshot');
    } else if (ev.type === 'sample' && ev.ids && !isGauge(ev)) {
      for (const id of ev.ids) note(id, ev.store, ev.t, 'sample');
    }
  }
  return seen;
}

export function lostWrites(opts: LostWritesOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  return {
    name: 'lost-writes',
    check(input: CheckInput): CheckResult {
      const writes = writesOf(input.history, addF);
      const uncertain = writes.filter((w) => w.outcome === 'info' || w.outcome === 'pending');
      const finalStores = rowStores(input.finalStores);
      const unreadable = finalStores.filter((s) => !s.available).map((s) => s.name);
      // Whether some readable store holds each acknowledged write (shared with split-data).
      const holdings = ackedHoldings(input, addF);
      const acked: WriteRecord[] = [];
      const lost: WriteRecord[] = [];
      writes.forEach((w, i) => {
        if (w.outcome !== 'ok') return;
        acked.push(w);
        if (!heldAnywhere(holdings, holdings.placeOfWrite[i])) lost.push(w);
      });
      // Where they were last seen; a run whose samples carry only counts (and that took no
      // snapshot) has nothing to say, and the set of lost ids is not built for it.
      const idsRecorded = nonOpEvents(input.events).some(
        (e) => e.type === 'snapshot' || (e.type === 'sample' && e.ids !== undefined),
      );
      const seen = idsRecorded
        ? lastSeenIn(input.events, new Set(lost.map((w) => w.id)))
        : new Map<string, LastSeen>();
      // Writes of unknown outcome may hold ids never acknowledged: asked of each store's ids.
      const readable = finalStores.filter((s) => s.available).map(storeIds);
      const uncertainPresent = uncertain.filter((w) => readable.some((ids) => ids.has(w.id))).length;

      let valid: Validity = lost.length > 0 ? false : true;
      if (finalStores.length === 0 && acked.length > 0) valid = 'unknown';
      else if (lost.length > 0 && unreadable.length > 0) valid = 'unknown';

      const lastHeldBy: Record<string, LastSeen> = {};
      for (const [id, where] of seen) lastHeldBy[id] = where;

      let summary: string;
      if (finalStores.length === 0) {
        summary = `${acked.length} acknowledged writes, but no store was read at the end`;
      } else if (lost.length === 0) {
        summary = `all ${acked.length} acknowledged writes are in a final store`;
      } else {
        summary = `${lost.length} of ${acked.length} acknowledged writes are in no final store`;
        const whereKnown = lost.filter((w) => seen.has(w.id));
        if (whereKnown.length > 0) {
          const stores = [...new Set(whereKnown.map((w) => seen.get(w.id)!.store))].sort();
          summary += ` (last seen in ${stores.join(', ')})`;
        }
        if (unreadable.length > 0)
          summary += `; ${unreadable.join(', ')} could not be read, so they may survive there`;
      }
      if (uncertain.length > 0) {
        summary += `; ${uncertain.length} with unknown outcome not counted (${uncertainPresent} of them present)`;
      }

      return {
        name: 'lost-writes',
        valid,
        summary,
        anomalies: { 'lost-write': lost.length },
        examples: lost.length
          ? {
              'lost-write': firstExamples(lost).map((w) => ({
                id: w.id,
                process: w.process,
                ackedAt: w.completedAt,
                servedBy: w.node,
                lastSeenIn: seen.get(w.id)?.store,
                lastSeenAt: seen.get(w.id)?.t,
              })),
            }
          : {},
        stats: {
          acknowledged: acked.length,
          lost: lost.length,
          unknownOutcome: uncertain.length,
          unknownOutcomePresent: uncertainPresent,
          unreadableStores: unreadable,
          lastHeldBy,
        },
      };
    },
  };
}
