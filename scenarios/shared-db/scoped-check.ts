// Runs a generic checker on some of the final stores only, optionally under another name and
// with its anomaly kinds renamed: lost writes of orders and lost sales are the same check on
// two stores of the one database. Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';

export interface ScopeOptions {
  stores: string[];
  name?: string;
  /** Anomaly kind -> the name reported instead. */
  kinds?: Record<string, string>;
}

function renameKeys<T>(o: Record<string, T>, kinds: Record<string, string>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [kinds[k] ?? k, v]));
}

export function scoped(checker: Checker, o: ScopeOptions): Checker {
  const name = o.name ?? checker.name;
  const kinds = o.kinds ?? {};
  return {
    name,
    check(input: CheckInput): CheckResult {
      const finalStores = input.finalStores.filter((s) => o.stores.includes(s.name));
      const r = checker.check({ ...input, finalStores });
      return {
        ...r,
        name,
        anomalies: renameKeys(r.anomalies, kinds),
        examples: renameKeys(r.examples, kinds),
      };
    },
  };
}
