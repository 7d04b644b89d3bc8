// The users' client: places orders through the load balancer, as a real user would. An order
// is acknowledged (201) only once the instance stored it and Kafka acknowledged its event.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError } from '../../main/engine/workload/http-json';

/** Longer than the service's publish timeout (40 s): the service answers first. */
export const ADD_TIMEOUT_MS = 45_000;

export interface AddValue {
  id: string;
  user: string;
}

/** What an acknowledged add records: where Kafka put the event. */
export interface AckValue extends AddValue {
  node?: string;
  partition?: number;
  offset?: string;
}

function header(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

export async function addOrder(
  ctx: ClientContext,
  lb: string,
  v: AddValue,
  signal: AbortSignal,
  port = 8080,
): Promise<Completion> {
  try {
    const r = await httpJson(
      ctx.endpoint(lb, port),
      'POST',
      '/orders',
      { ...v, item: 'book' },
      ADD_TIMEOUT_MS,
      signal,
    );
    const node = header(r.headers['x-served-by']);
    const b = (r.body ?? {}) as { partition?: number; offset?: string; error?: string };
    if (r.status === 201) {
      const value: AckValue = { ...v, node, partition: b.partition, offset: b.offset };
      return { type: 'ok', value, node };
    }
    // 400/409: refused. 503: HAProxy had no instance, or the instance was not ready yet.
    if (r.status === 400 || r.status === 409 || r.status === 503)
      return { type: 'fail', node, error: `HTTP ${r.status}${b.error ? ` ${b.error}` : ''}` };
    // 504 from the service: stored, but Kafka did not acknowledge in time; the event may
    // still go out. Anything else: unknown as well.
    return { type: 'info', node, error: `HTTP ${r.status}${b.error ? ` ${b.error}` : ''}` };
  } catch (e) {
    if (e instanceof HttpOutcomeError) return { type: e.definite ? 'fail' : 'info', error: e.message };
    return { type: 'info', error: e instanceof Error ? e.message : String(e) };
  }
}

export function brokerSyncClient(ctx: ClientContext, lb = 'lb'): Client {
  return {
    invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.f === 'add') return addOrder(ctx, lb, op.value as AddValue, signal);
      return Promise.resolve({ type: 'fail', error: `unknown op ${op.f}` });
    },
  };
}
