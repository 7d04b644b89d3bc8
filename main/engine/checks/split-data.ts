// Split data: no single store holds every acknowledged write, so a reader who reaches
// one store cannot see them all. Counts the ids the most complete readable store lacks.
// Gauges are not stores of the writes and are left out.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { firstExamples } from './compose';
import { ackedHoldings, heldAnywhere } from './acked-holdings';
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
      // The distinct acknowledged ids in the order acknowledged, and which of them each
      // readable store holds (shared with lost-writes).
      const holdings = ackedHoldings(input, addF);
      const ackedIds = holdings.ids;
      const perStore: Record<string, StoreHolding> = {};
      let best: { name: string; holds: Uint8Array; lacking: number } | undefined;
      for (const s of rowStores(input.finalStores)) {
        const holds = s.available ? holdings.holds.get(s) : undefined;
        const lacking = ackedIds.length - (holds ? (holdings.held.get(s) ?? 0) : 0);
        if (holds && (!best || lacking < best.lacking)) best = { name: s.name, holds, lacking };
        perStore[s.name] = {
          rows: s.rows,
          available: s.available,
          acked: ackedIds.length - lacking,
          lacking,
        };
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
      const mostComplete = best;
      const lacks: number[] = [];
      for (let k = 0; k < ackedIds.length; k++) if (!mostComplete.holds[k]) lacks.push(k);
      const elsewhere = lacks.filter((k) => heldAnywhere(holdings, k));
      const counts = Object.entries(perStore)
        .map(([n, h]) => (h.available ? `${n} ${h.acked}` : `${n} unreadable`))
        .join(', ');
      const n = lacks.length;
      const summary =
        n === 0
          ? `${mostComplete.name} holds all ${ackedIds.length} acknowledged writes (${counts})`
          : `no store holds all ${ackedIds.length} acknowledged writes: the most complete, ${mostComplete.name}, lacks ${n}` +
            ` (${counts}; ${elsewhere.length} of the ${n} are held elsewhere)`;
      return {
        name: 'split-data',
        valid: n > 0 ? false : true,
        summary,
        anomalies: { 'split-data': n },
        examples: n
          ? {
              'split-data': firstExamples(lacks).map((k) => ({
                id: ackedIds[k],
                mostComplete: mostComplete.name,
                heldElsewhere: heldAnywhere(holdings, k),
              })),
            }
          : {},
        stats: {
          perStore,
          acknowledged: ackedIds.length,
          mostComplete: mostComplete.name,
          heldElsewhere: elsewhere.length,
        },
      };
    },
  };
}
