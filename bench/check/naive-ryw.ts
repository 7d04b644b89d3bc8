// The reference point: read-your-writes checked the obvious way, O(n^2): for every
// successful read, scan the whole history before it for the reader's acknowledged adds.
import type { History } from '../../main/engine/history';

function idOf(v: unknown): string | undefined {
  const id = (v as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Counts reads that miss one of the reader's adds acknowledged before the read was invoked. */
export function naiveReadYourWrites(
  history: History,
  deadline = Infinity,
): { violations: number; complete: boolean } {
  const invokedAt = new Map<string, number>();
  let violations = 0;
  let reads = 0;
  for (let i = 0; i < history.length; i++) {
    const op = history[i];
    if (op.type === 'invoke') {
      invokedAt.set(op.process, i);
      continue;
    }
    if (op.f !== 'list' || op.type !== 'ok') continue;
    if ((++reads & 15) === 0 && performance.now() > deadline) return { violations, complete: false };
    const ids = new Set((op.value as { ids: string[] }).ids);
    const before = invokedAt.get(op.process) ?? 0;
    for (let j = 0; j < before; j++) {
      const w = history[j];
      if (w.process !== op.process || w.f !== 'add' || w.type !== 'ok') continue;
      const id = idOf(w.value);
      if (id !== undefined && !ids.has(id)) {
        violations++;
        break;
      }
    }
  }
  return { violations, complete: true };
}
