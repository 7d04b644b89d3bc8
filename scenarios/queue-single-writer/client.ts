// The users' client: orders go through the load balancer to a front, which publishes them;
// right after the acknowledgement the user reads the order back (through the load
// balancer, from the single database) until it shows up, and records how long that took.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson } from '../../main/engine/workload/http-json';
import { addOrder, type AddValue } from '../broker-sync/client';

export const POLL_MS = 5;
export const READ_TIMEOUT_MS = 15_000;

export interface ReadOwnValue {
  id: string;
  /** Time from the acknowledgement (this op's start) to the first read that showed it; null if none did. */
  lagMs: number | null;
  /** Whether the very first read, sent right after the acknowledgement, showed the order. */
  firstReadSaw: boolean;
  reads: number;
}

async function readOwn(ctx: ClientContext, lb: string, id: string, signal: AbortSignal): Promise<Completion> {
  const started = performance.now();
  let reads = 0;
  let notFound = 0;
  let lastError = '';
  while (performance.now() - started < READ_TIMEOUT_MS && !signal.aborted) {
    reads++;
    try {
      const r = await httpJson(
        ctx.endpoint(lb, 8080),
        'GET',
        `/orders/${encodeURIComponent(id)}`,
        undefined,
        3000,
        signal,
      );
      if (r.status === 200) {
        const value: ReadOwnValue = {
          id,
          lagMs: Math.round(performance.now() - started),
          firstReadSaw: reads === 1,
          reads,
        };
        return { type: 'ok', value };
      }
      if (r.status === 404) notFound++;
      else lastError = `HTTP ${r.status}`;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    await new Promise((res) => setTimeout(res, POLL_MS));
  }
  if (notFound > 0) {
    const value: ReadOwnValue = { id, lagMs: null, firstReadSaw: false, reads };
    return { type: 'ok', value };
  }
  return { type: 'fail', error: lastError || 'aborted' };
}

export function queueSingleWriterClient(ctx: ClientContext, lb = 'lb'): Client {
  // Each user reads back only what was just acknowledged to them.
  const acked = new Map<string, string>();
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.f === 'add') {
        const c = await addOrder(ctx, lb, op.value as AddValue, signal);
        if (c.type === 'ok') acked.set(op.process, (op.value as AddValue).id);
        else acked.delete(op.process);
        return c;
      }
      if (op.f === 'read-own') {
        const id = (op.value as { id: string }).id;
        if (acked.get(op.process) !== id)
          return { type: 'fail', error: 'the order was not acknowledged: nothing to read back' };
        return readOwn(ctx, lb, id, signal);
      }
      return Promise.resolve({ type: 'fail', error: `unknown op ${op.f}` });
    },
  };
}
