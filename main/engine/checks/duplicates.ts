// Duplicates: a final store that holds the same id more than once (a write applied twice).
// Gauges are not stores of the writes and are left out.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { firstExamples } from './compose';
import { rowStores } from './store-kinds';
import { storeIds } from './history-views';

export interface DuplicatesOptions {
  /** Kept for symmetry with the other checkers; ids are read from the stores. */
  addF?: string;
}

export interface DuplicateExample {
  store: string;
  id: string;
  copies: number;
}

export function duplicates(_opts: DuplicatesOptions = {}): Checker {
  return {
    name: 'duplicates',
    check(input: CheckInput): CheckResult {
      const found: DuplicateExample[] = [];
      const perStore: Record<string, number> = {};
      let extra = 0;
      const finalStores = rowStores(input.finalStores);
      for (const s of finalStores) {
        if (!s.available) continue;
        if (storeIds(s).size === s.ids.length) {
          perStore[s.name] = 0; // no id twice (the set of its ids is often built anyway)
          continue;
        }
        const counts = new Map<string, number>();
        for (const id of s.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
        let storeExtra = 0;
        for (const [id, copies] of counts) {
          if (copies < 2) continue;
          found.push({ store: s.name, id, copies });
          storeExtra += copies - 1;
        }
        perStore[s.name] = storeExtra;
        extra += storeExtra;
      }
      const unreadable = finalStores.filter((s) => !s.available).map((s) => s.name);
      let summary =
        extra === 0
          ? `no id is held twice in any store`
          : `${extra} extra copies of ${found.length} ids (${[...new Set(found.map((f) => f.store))].join(', ')})`;
      if (unreadable.length) summary += `; ${unreadable.join(', ')} could not be read`;
      return {
        name: 'duplicates',
        valid:
          extra > 0
            ? false
            : unreadable.length > 0 && finalStores.length === unreadable.length
              ? 'unknown'
              : true,
        summary,
        anomalies: { duplicate: extra },
        examples: found.length ? { duplicate: firstExamples(found) } : {},
        stats: { perStore },
      };
    },
  };
}
