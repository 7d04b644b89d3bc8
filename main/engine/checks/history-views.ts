// Views of a Jepsen-style history that several checkers share: the writes with their
// outcome, the acknowledged writes over time, and the successful reads; and the set of ids
// a final store holds. Pure (within withSharedViews they are memoised, never changed).
import type { History, Op } from '../history';
import type { StoreSnapshot } from '../events';
import { idOf, idsOf } from './op-values';
import { sharedView, idSet } from './shared-views';

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
  ids: readonly string[];
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

/** The distinct ids a final store holds (shared between checkers within runChecks). */
export function storeIds(store: StoreSnapshot): ReadonlySet<string> {
  return idSet(store.ids);
}

interface Pairing {
  /** For each position holding an invoke, the position of its completion (-1: none). */
  completions: Int32Array;
  /** The positions of the invokes of each function, in order. */
  invokesOf: Map<string, number[]>;
  /** For each position, its op's process as a number (processes numbered as first seen). */
  processAt: Int32Array;
  processes: number;
}

/**
 * Pairs each invoke with the next completion of the same process, in one pass: arrays of
 * positions, so pairing a long history makes no object per op, and each view below visits
 * only the invokes of its own function.
 */
function pairing(history: History): Pairing {
  return sharedView(history, 'pairing', () => {
    const completions = new Int32Array(history.length).fill(-1);
    const processAt = new Int32Array(history.length);
    const invokesOf = new Map<string, number[]>();
    const numberOf = new Map<string, number>();
    /** Each process's last invoke; it is open while its completion is still -1. */
    const lastInvoke: number[] = [];
    let f: string | undefined;
    let ofF: number[] = [];
    for (let pos = 0; pos < history.length; pos++) {
      const op = history[pos];
      let p = numberOf.get(op.process);
      if (p === undefined) {
        p = numberOf.size;
        numberOf.set(op.process, p);
        lastInvoke.push(-1);
      }
      processAt[pos] = p;
      if (op.type === 'invoke') {
        lastInvoke[p] = pos;
        if (op.f !== f) {
          f = op.f;
          ofF = invokesOf.get(f) ?? [];
          if (!ofF.length) invokesOf.set(f, ofF);
        }
        ofF.push(pos);
        continue;
      }
      const at = lastInvoke[p];
      if (at >= 0 && completions[at] < 0) completions[at] = pos;
    }
    return { completions, invokesOf, processAt, processes: numberOf.size };
  });
}

/**
 * Each op's process as a number, by position in the history (0, 1, ... in the order the
 * processes first appear), and how many processes there are: for grouping by process
 * without looking the names up again.
 */
export function processNumbers(history: History): { processAt: Int32Array; processes: number } {
  const { processAt, processes } = pairing(history);
  return { processAt, processes };
}

/** Pairs each invoke with the next completion of the same process, keeping positions. */
export function pairWithPositions(history: History): readonly Pair[] {
  return sharedView(history, 'pairs', () => {
    const { completions } = pairing(history);
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
    return pairs;
  });
}

/** Every invoked write of function `addF` whose id can be read, with its outcome. */
export function writesOf(history: History, addF: string): readonly WriteRecord[] {
  return sharedView(history, `writes:${addF}`, () => {
    const { completions, invokesOf } = pairing(history);
    const out: WriteRecord[] = [];
    for (const pos of invokesOf.get(addF) ?? []) {
      const invoke = history[pos];
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
    return out;
  });
}

const ackTime = (w: WriteRecord) => w.completedAt ?? w.invokedAt;

/**
 * The writes of `addF` acknowledged `ok`, as indices into writesOf(history, addF), in the
 * order acknowledged: by time, equal times in the order invoked (a stable sort by time of
 * the writes in invocation order). The history is recorded as time goes, so its completions
 * are nearly always in time order already: they are taken in that order and only each run
 * of equal times is sorted; a history whose completions go back in time is sorted whole.
 */
export function ackOrder(history: History, addF: string): Int32Array {
  return sharedView(history, `ack-order:${addF}`, () => {
    const writes = writesOf(history, addF);
    const okAt = new Int32Array(history.length).fill(-1);
    let acked = 0;
    writes.forEach((w, i) => {
      if (w.outcome === 'ok' && w.completePos !== undefined) {
        okAt[w.completePos] = i;
        acked++;
      }
    });
    const order = new Int32Array(acked);
    let n = 0;
    for (let pos = 0; pos < history.length; pos++) if (okAt[pos] >= 0) order[n++] = okAt[pos];
    const at = (k: number) => ackTime(writes[order[k]]);
    let from = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && at(k - 1) === at(k)) continue;
      if (k < n && !(at(k - 1) < at(k))) {
        const all = Array.from(order).sort((a, b) => a - b); // invocation order
        return Int32Array.from(all.sort((a, b) => ackTime(writes[a]) - ackTime(writes[b])));
      }
      // Indices grow with the position of the invoke: sorting them sorts by invocation.
      if (k - from > 1) order.subarray(from, k).sort();
      from = k;
    }
    return order;
  });
}

/** Writes acknowledged with `ok`, in the order they were acknowledged. */
export function ackedWrites(history: History, addF = 'add'): readonly AckedWrite[] {
  return sharedView(history, `acked:${addF}`, () => {
    const writes = writesOf(history, addF);
    return Array.from(ackOrder(history, addF), (i) => ({ id: writes[i].id, t: ackTime(writes[i]) }));
  });
}

/** The ids of ackedWrites(history, addF), in the same order (repeats kept). */
export function ackedIdsOf(history: History, addF = 'add'): readonly string[] {
  return sharedView(history, `acked-ids:${addF}`, () => {
    const writes = writesOf(history, addF);
    return Array.from(ackOrder(history, addF), (i) => writes[i].id);
  });
}

/** A read's list of ids: the op's own list when it holds only strings (not copied), else idsOf. */
function readIds(value: unknown): readonly string[] | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const list = (value as { ids?: unknown }).ids;
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list as string[];
  }
  return idsOf(value);
}

/** Reads of function `readF` that completed `ok` with a list of ids. */
export function okReads(history: History, readF: string): readonly ReadRecord[] {
  return sharedView(history, `reads:${readF}`, () => {
    const { completions, invokesOf } = pairing(history);
    const out: ReadRecord[] = [];
    for (const pos of invokesOf.get(readF) ?? []) {
      const invoke = history[pos];
      const at = completions[pos];
      const c = at >= 0 ? history[at] : undefined;
      if (c?.type !== 'ok') continue;
      const ids = readIds(c.value);
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
    return out;
  });
}
