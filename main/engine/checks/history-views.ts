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

/** Pairs each invoke with the next completion of the same process, keeping positions. */
export function pairWithPositions(history: History): Pair[] {
  const open = new Map<string, Pair>();
  const pairs: Pair[] = [];
  history.forEach((op, pos) => {
    if (op.type === 'invoke') {
      const p: Pair = { invoke: op, invokePos: pos };
      open.set(op.process, p);
      pairs.push(p);
      return;
    }
    const p = open.get(op.process);
    if (p) {
      p.complete = op;
      p.completePos = pos;
      open.delete(op.process);
    }
  });
  return pairs;
}

/** Every invoked write of function `addF` whose id can be read, with its outcome. */
export function writesOf(history: History, addF: string): WriteRecord[] {
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
  return out;
}

/** Writes acknowledged with `ok`, in the order they were acknowledged. */
export function ackedWrites(history: History, addF = 'add'): AckedWrite[] {
  return writesOf(history, addF)
    .filter((w) => w.outcome === 'ok')
    .map((w) => ({ id: w.id, t: w.completedAt ?? w.invokedAt }))
    .sort((a, b) => a.t - b.t);
}

/** Reads of function `readF` that completed `ok` with a list of ids. */
export function okReads(history: History, readF: string): ReadRecord[] {
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
  return out;
}
