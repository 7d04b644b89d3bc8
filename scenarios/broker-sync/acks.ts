// Where Kafka put each acknowledged event, as the acknowledgement (the add's ok value) said.
import type { History } from '../../main/engine/history';

export interface AckPosition {
  partition?: number;
  offset?: string;
}

export function ackedPositions(history: History, addF = 'add'): Map<string, AckPosition> {
  const out = new Map<string, AckPosition>();
  for (const op of history) {
    if (op.type !== 'ok' || op.f !== addF) continue;
    const v = op.value as { id?: unknown; partition?: unknown; offset?: unknown } | null;
    if (typeof v?.id !== 'string') continue;
    out.set(v.id, {
      partition: typeof v.partition === 'number' ? v.partition : undefined,
      offset: typeof v.offset === 'string' ? v.offset : undefined,
    });
  }
  return out;
}
