// Split data: no single store holds every acknowledged write, so a reader who reaches
// one store cannot see them all. Counts the ids the most complete readable store lacks.
// Gauges are not stores of the writes and are left out.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { firstExamples } from './compose';
import { ackedWrites, storeIds } from './history-views';
import { rowStores } from './store-kinds';

export interface SplitDataOptions {
  addF?: string;
}

export interface StoreHolding {
  rows: number;
  available: boolean;
  /** Acknowledged ids this store holds, and lacks. */
  acked: number;
  lacking: number;
}

export function splitData(opts: SplitDataOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  return {
    name: 'split-data',
    check(input: CheckInput): CheckResult {
      const ackedIds: string[] = [];
      const once = new Set<string>();
      for (const w of ackedWrites(input.history, addF))
        if (!once.has(w.id)) {
          once.add(w.id);
          ackedIds.push(w.id);
        }
      const perStore: Record<string, StoreHolding> = {};
      let best: { name: string; lacks: string[] } | undefined;
      const finalStores = rowStores(input.finalStores);
      for (const s of finalStores) {
        const ids = s.available ? storeIds(s) : undefined;
        const lacks = ids ? ackedIds.filter((id) => !ids.has(id)) : ackedIds;
        perStore[s.name] = {
          rows: s.rows,
          available: s.available,
          acked: ackedIds.length - lacks.length,
          lacking: lacks.length,
        };
        if (s.available && (!best || lacks.length < best.lacks.length)) best = { name: s.name, lacks };
      }
      if (!best) {
        return {
          name: 'split-data',
          valid: ackedIds.length === 0 ? true : 'unknown',
          summary:
            ackedIds.length === 0
              ? 'no acknowledged writes and no readable store'
              : `${ackedIds.length} acknowledged writes, but no store could be read at the end`,
          anomalies: { 'split-data': 0 },
          examples: {},
          stats: { perStore, acknowledged: ackedIds.length },
        };
      }
      const readable = finalStores.filter((s) => s.available).map(storeIds);
      const heldAnywhere = (id: string) => readable.some((ids) => ids.has(id));
      const elsewhere = best.lacks.filter(heldAnywhere);
      const counts = Object.entries(perStore)
        .map(([n, h]) => (h.available ? `${n} ${h.acked}` : `${n} unreadable`))
        .join(', ');
      const n = best.lacks.length;
      const summary =
        n === 0
          ? `${best.name} holds all ${ackedIds.length} acknowledged writes (${counts})`
          : `no store holds all ${ackedIds.length} acknowledged writes: the most complete, ${best.name}, lacks ${n}` +
            ` (${counts}; ${elsewhere.length} of the ${n} are held elsewhere)`;
      return {
        name: 'split-data',
        valid: n > 0 ? false : true,
        summary,
        anomalies: { 'split-data': n },
        examples: n
          ? {
              'split-data': firstExamples(best.lacks).map((id) => ({
                id,
                mostComplete: best.name,
                heldElsewhere: heldAnywhere(id),
              })),
            }
          : {},
        stats: {
          perStore,
          acknowledged: ackedIds.length,
          mostComplete: best.name,
          heldElsewhere: elsewhere.length,
        },
      };
    },
  };
}
