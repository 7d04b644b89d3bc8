// Views of a Jepsen-style history that several checkers share: the writes with their
// outcome, the acknowledged writes over time, and the successful reads. Pure.
import type { History, Op } from '../history';
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
  pairs?: readonly Pair[];
  writes: Map<string, readonly WriteRecord[]>;
  acked: Map<string, readonly AckedWrite[]>;
  reads: Map<string, readonly ReadRecord[]>;
}

let sharing: WeakMap<History, Views> | null = null;

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
  try {
    return fn();
  } finally {
    sharing = null;
  }
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

/** Pairs each invoke with the next completion of the same process, keeping positions. */
export function pairWithPositions(history: History): readonly Pair[] {
  const v = viewsOf(history);
  if (v?.pairs) return v.pairs;
  const open = new Map<string, Pair | undefined>();
  const pairs: Pair[] = [];
  for (let pos = 0; pos < history.length; pos++) {
    const op = history[pos];
    if (op.type === 'invoke') {
      const p: Pair = { invoke: op, invokePos: pos };
      open.set(op.process, p);
      pairs.push(p);
      continue;
    }
    const p = open.get(op.process);
    if (p) {
      p.complete = op;
      p.completePos = pos;
      open.set(op.process, undefined);
    }
  }
  if (v) v.pairs = pairs;
  return pairs;
}

/** Every invoked write of function `addF` whose id can be read, with its outcome. */
export function writesOf(history: History, addF: string): readonly WriteRecord[] {
  const v = viewsOf(history);
  const known = v?.writes.get(addF);
  if (known) return known;
  const out: WriteRecord[] = [];
  for (const p of pairWithPositions(history)) {
    if (p.invoke.f !== addF) continue;
    const id = idOf(p.complete?.value) ?? idOf(p.invoke.value);
    if (id === undefined) continue;
    const c = p.complete;
    out.push({
      id,
      process: p.invoke.process,
      outcome: c ? (c.type === 'invoke' ? 'pending' : c.type) : 'pending',
      invokedAt: p.invoke.time,
      completedAt: c?.time,
      invokePos: p.invokePos,
      completePos: p.completePos,
      node: c?.node ?? p.invoke.node,
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
  const out: ReadRecord[] = [];
  for (const p of pairWithPositions(history)) {
    if (p.invoke.f !== readF || p.complete?.type !== 'ok' || p.completePos === undefined) continue;
    const ids = idsOf(p.complete.value);
    if (!ids) continue;
    out.push({
      process: p.invoke.process,
      ids,
      invokedAt: p.invoke.time,
      completedAt: p.complete.time,
      invokePos: p.invokePos,
      completePos: p.completePos,
      index: p.complete.index ?? p.completePos,
      node: p.complete.node ?? p.invoke.node,
    });
  }
  v?.reads.set(readF, out);
  return out;
}
