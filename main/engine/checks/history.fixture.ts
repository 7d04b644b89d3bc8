// Test helpers: hand-made Jepsen-style histories and check inputs. Used only by tests.
import type { Op, OpType } from '../history';
import type { RunEvent, StoreSnapshot } from '../events';
import type { CheckInput } from '../scenario';

export function op(
  process: string,
  type: OpType,
  f: string,
  value: unknown,
  time: number,
  extra: Partial<Op> = {},
): Op {
  return { process, type, f, value, time, ...extra };
}

/** Numbers the ops as a recorder would. */
export function indexed(ops: Op[]): Op[] {
  return ops.map((o, index) => ({ ...o, index }));
}

export function store(name: string, ids: string[], available = true): StoreSnapshot {
  return { name, rows: ids.length, ids, available };
}

export function input(history: Op[], finalStores: StoreSnapshot[], events: RunEvent[] = []): CheckInput {
  return { params: {}, history: indexed(history), finalStores, events };
}
