// The Jepsen op model: every client operation is recorded as `invoke`, then completed by
// `ok` (it happened), `fail` (it definitely did not happen) or `info` (unknown outcome).

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

export interface Op {
  /** Logical client that issued the op (one op in flight per process). */
  process: string;
  type: OpType;
  /** Function name, e.g. "add", "list". */
  f: string;
  value: unknown;
  /** Milliseconds since the run started. */
  time: number;
  /** Index of the op in the history, assigned when recorded. */
  index?: number;
  /** Which container served it, when the service said so. */
  node?: string;
  /** Error text for fail/info. */
  error?: string;
}

export type History = readonly Op[];

/** An invocation paired with its completion (undefined while still in flight). */
export interface OpPair {
  invoke: Op;
  complete?: Op;
}

/** Pairs each invoke with the next completion of the same process. Pure. */
export function pairOps(history: History): OpPair[] {
  const open = new Map<string, OpPair>();
  const pairs: OpPair[] = [];
  for (const op of history) {
    if (op.type === 'invoke') {
      const p: OpPair = { invoke: op };
      open.set(op.process, p);
      pairs.push(p);
    } else {
      const p = open.get(op.process);
      if (p) {
        p.complete = op;
        open.delete(op.process);
      }
    }
  }
  return pairs;
}

export function countByType(history: History): { invoked: number; ok: number; fail: number; info: number } {
  const c = { invoked: 0, ok: 0, fail: 0, info: 0 };
  for (const op of history) {
    if (op.type === 'invoke') c.invoked++;
    else c[op.type]++;
  }
  return c;
}
