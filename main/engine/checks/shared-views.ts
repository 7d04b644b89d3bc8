// Views several checkers take of the same run (the history paired, the writes, a store's set
// of ids, the events that are not ops...), computed once while runChecks runs its checkers
// instead of once per checker. Memoising a pure function: the results are the same either
// way. Nothing is kept once the checkers have run.
import type { RunEvent } from '../events';

type Memo = Map<string, { length: number; value: unknown }>;

let sharing: WeakMap<object, Memo> | null = null;

/**
 * Runs `fn` (checkers over one run) with the views shared: each is made once per source
 * and the same read-only value goes to every checker that asks. Outside it, every call makes
 * its view afresh. The checkers are synchronous, so no other code runs inside.
 */
export function withSharedViews<T>(fn: () => T): T {
  if (sharing) return fn();
  sharing = new WeakMap();
  try {
    return fn();
  } finally {
    sharing = null;
  }
}

/**
 * The view `name` of `source` (an array), made by `make`: once while views are shared (again
 * if the array has grown meanwhile), every time otherwise.
 */
export function sharedView<T>(source: readonly unknown[], name: string, make: () => T): T {
  if (!sharing) return make();
  let memo = sharing.get(source);
  if (!memo) {
    memo = new Map();
    sharing.set(source, memo);
  }
  const known = memo.get(name);
  if (known && known.length === source.length) return known.value as T;
  const value = make();
  memo.set(name, { length: source.length, value });
  return value;
}

/** The distinct ids of a store (a final store's or a sample's id list). */
export function idSet(ids: readonly string[]): ReadonlySet<string> {
  return sharedView(ids, 'set', () => new Set(ids));
}

/**
 * The events other than ops (samples, faults, snapshots, logs...), in the order recorded.
 * Op events are most of a run's events and no checker reads them there (ops come from the
 * history), so the checkers walk these instead.
 */
export function nonOpEvents(events: readonly RunEvent[]): readonly RunEvent[] {
  return sharedView(events, 'non-op', () => events.filter((e) => e.type !== 'op'));
}
