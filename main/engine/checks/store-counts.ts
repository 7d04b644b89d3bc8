// Informational: what each store held at the end. Never invalid.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';

export function storeCounts(): Checker {
  return {
    name: 'store-counts',
    check(input: CheckInput): CheckResult {
      const stores: Record<string, { rows: number; ids: number; available: boolean }> = {};
      for (const s of input.finalStores)
        stores[s.name] = { rows: s.rows, ids: new Set(s.ids).size, available: s.available };
      const summary =
        input.finalStores.length === 0
          ? 'no stores were read at the end'
          : input.finalStores
              .map((s) =>
                s.available
                  ? `${s.name}: ${s.rows} ${s.rows === 1 ? 'row' : 'rows'}`
                  : `${s.name}: unreadable`,
              )
              .join(', ');
      return { name: 'store-counts', valid: true, summary, anomalies: {}, examples: {}, stats: { stores } };
    },
  };
}
