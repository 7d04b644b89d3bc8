// Informational: what each store held at the end (a gauge: its value and unit). Never invalid.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { describeStore, isGauge } from './store-kinds';
import { storeIds } from './history-views';

export function storeCounts(): Checker {
  return {
    name: 'store-counts',
    check(input: CheckInput): CheckResult {
      const stores: Record<
        string,
        { rows: number; ids: number; available: boolean; kind?: 'gauge'; unit?: string }
      > = {};
      for (const s of input.finalStores) {
        stores[s.name] = { rows: s.rows, ids: storeIds(s).size, available: s.available };
        if (isGauge(s)) Object.assign(stores[s.name], { kind: 'gauge', ...(s.unit ? { unit: s.unit } : {}) });
      }
      const summary =
        input.finalStores.length === 0
          ? 'no stores were read at the end'
          : input.finalStores.map(describeStore).join(', ');
      return { name: 'store-counts', valid: true, summary, anomalies: {}, examples: {}, stats: { stores } };
    },
  };
}
