// Views of a Jepsen-style history that several checkers share: the writes with their
// outcome, the acknowledged writes over time, and the successful reads; and the set of ids
// a final store holds. Pure (within withSharedViews they are memoised, never changed).
import type { History, Op } from '../history';
import type { StoreSnapshot } from '../events';
import { idOf, idsOf } from './op-values';

export type WriteOutcome = 'ok' | 'fail' | 'info' | 'pending';

export interface WriteRecord {
  id: string;
  process: string;
  outcome: WriteOutcome;
  invokedAt: number;
  /** Completion time; undefined while pending. */
  completedAt?: number;
  /** Position of the invocation and of the completion in the history array. */
  invokePos: number;
  completePos?: number;
  /** Which container served it, when known. */
  node?: string;
  error?: string;
}

export interface ReadRecord {
  process: string;
  ids: string[];
  invokedAt: number;
  completedAt: number;
  invokePos: number;
  completePos: number;
  /** The op's own index when the recorder assigned one, else its position. */
  index: number;
  node?: string;
}

/** An acknowledged write and the time its `ok` arrived. */
export interface AckedWrite {
  id: string;
  t: number;
}

interface Pair {
  invoke: Op;
  invokePos: number;
  complete?: Op;
  completePos?: number;
}

/** The views of one history, each computed at most once while they are shared. */
interface Views {
  length: number;
  completions?: Int32Array;
  pairs?: readonly Pair[];
  writes: Map<string, readonly WriteRecord[]>;
  acked: Map<string, readonly AckedWrite[]>;
  reads: Map<string, readonly ReadRecord[]>;
}

let sharing: WeakMap<History, Views> | null = null;
let sharingStores: WeakMap<
  StoreSnapshot,
  { ids: readonly string[]; length: number; set: ReadonlySet<string> }
> | null = null;

/**
 * Runs `fn` (a set of checkers over the same history) with the views below shared: each is
 * computed once per history and the same (read-only) arrays go to every checker that asks,
 * instead of every checker pairing the whole history again. Outside it, every call computes
 * afresh, as before. Nothing is kept once `fn` returns. The checkers are synchronous, so no
 * other code runs inside.
 */
export function withSharedViews<T>(fn: () => T): T {
  if (sharing) return fn();
  sharing = new WeakMap();
  sharingStores = new WeakMap();
  try {
    return fn();
  } finally {
    sharing = null;
    sharingStores = null;
  }
}

/** The distinct ids a store snapshot holds (shared, like the views, within withSharedViews). */
export function storeIds(store: StoreSnapshot): ReadonlySet<string> {
  const known = sharingStores?.get(store);
  if (known && known.ids === store.ids && known.length === store.ids.length) return known.set;
  const set = new Set(store.ids);
  sharingStores?.set(store, { ids: store.ids, length: store.ids.length, set });
  return set;
}

function viewsOf(history: History): Views | undefined {
  if (!sharing) return undefined;
  let v = sharing.get(history);
  if (!v || v.length !== history.length) {
    v = { length: history.length, writes: new Map(), acked: new Map(), reads: new Map() };
    sharing.set(history, v);
  }
  return v;
}

/**
 * Pairs each invoke with the next completion of the same process: for each position in the
 * history that holds an invoke, the position of its completion (-1: none, or not an invoke).
 * One array of numbers, so pairing a long history leaves nothing for the collector to trace.
 */
function completionsOf(history: History): Int32Array {
  const v = viewsOf(history);
  if (v?.completions) return v.completions;
  const out = new Int32Array(history.length).fill(-1);
  const open = new Map<string, number>();
  for (let pos = 0; pos < history.length; pos++) {
    const op = history[pos];
    if (op.type === 'invoke') {
      open.set(op.process, pos);
      continue;
    }
    const at = open.get(op.process);
    if (at !== undefined && at >= 0) {
      out[at] = pos;
      open.set(op.process, -1);
    }
  }
  if (v) v.completions = out;
  return out;
}

/** Pairs each invoke with the next completion of the same process, keeping positions. */
export function pairWithPositions(history: History): readonly Pair[] {
  const v = viewsOf(history);
  if (v?.pairs) return v.pairs;
  const completions = completionsOf(history);
  const pairs: Pair[] = [];
  for (let pos = 0; pos < history.length; pos++) {
    const op = history[pos];
    if (op.type !== 'invoke') continue;
    const p: Pair = { invoke: op, invokePos: pos };
    const at = completions[pos];
    if (at >= 0) {
      p.complete = history[at];
      p.completePos = at;
    }
    pairs.push(p);
  }
  if (v) v.pairs = pairs;
  return pairs;
}

/** Every invoked write of function `addF` whose id can be read, with its outcome. */
export function writesOf(history: History, addF: string): readonly WriteRecord[] {
  const v = viewsOf(history);
  const known = v?.writes.get(addF);
  if (known) return known;
  const completions = completionsOf(history);
  const out: WriteRecord[] = [];
  for (let pos = 0; pos < history.length; pos++) {
    const invoke = history[pos];
    if (invoke.type !== 'invoke' || invoke.f !== addF) continue;
    const at = completions[pos];
    const c = at >= 0 ? history[at] : undefined;
    const id = idOf(c?.value) ?? idOf(invoke.value);
    if (id === undefined) continue;
    out.push({
      id,
      process: invoke.process,
      outcome: c ? (c.type === 'invoke' ? 'pending' : c.type) : 'pending',
      invokedAt: invoke.time,
      completedAt: c?.time,
      invokePos: pos,
      completePos: c ? at : undefined,
      node: c?.node ?? invoke.node,
      error: c?.error,
    });
  }
  v?.writes.set(addF, out);
  return out;
}

/** Writes acknowledged with `ok`, in the order they were acknowledged. */
export function ackedWrites(history: History, addF = 'add'): readonly AckedWrite[] {
  const v = viewsOf(history);
  const known = v?.acked.get(addF);
  if (known) return known;
  const out: AckedWrite[] = [];
  let sorted = true;
  for (const w of writesOf(history, addF)) {
    if (w.outcome !== 'ok') continue;
    const t = w.completedAt ?? w.invokedAt;
    if (out.length && !(out[out.length - 1].t <= t)) sorted = false;
    out.push({ id: w.id, t });
  }
  // Acknowledgements mostly arrive in time order: sort (stable) only when they did not.
  if (!sorted) out.sort((a, b) => a.t - b.t);
  v?.acked.set(addF, out);
  return out;
}

/** Reads of function `readF` that completed `ok` with a list of ids. */
export function okReads(history: History, readF: string): readonly ReadRecord[] {
  const v = viewsOf(history);
  const known = v?.reads.get(readF);
  if (known) return known;
  const completions = completionsOf(history);
  const out: ReadRecord[] = [];
  for (let pos = 0; pos < history.length; pos++) {
    const invoke = history[pos];
    if (invoke.type !== 'invoke' || invoke.f !== readF) continue;
    const at = completions[pos];
    const c = at >= 0 ? history[at] : undefined;
    if (c?.type !== 'ok') continue;
    const ids = idsOf(c.value);
    if (!ids) continue;
    out.push({
      process: invoke.process,
      ids,
      invokedAt: invoke.time,
      completedAt: c.time,
      invokePos: pos,
      completePos: at,
      index: c.index ?? at,
      node: c.node ?? invoke.node,
    });
  }
  v?.reads.set(readF, out);
  return out;
}
