// The two calls every outbox client makes: a JSON GET of a service (null when it did not
// answer 200) and placing an order with the writer, its outcome as a Jepsen completion.
import type { ClientContext, Completion } from '../../main/engine/scenario';
import { httpJson, HttpOutcomeError } from '../../main/engine/workload/http-json';
import { C, SERVICE_PORT } from './names';

export async function getJson(
  ctx: ClientContext,
  container: string,
  path: string,
  signal: AbortSignal,
): Promise<unknown> {
  try {
    const r = await httpJson(ctx.endpoint(container, SERVICE_PORT), 'GET', path, undefined, 2000, signal);
    return r.status === 200 ? r.body : null;
  } catch {
    return null;
  }
}

export async function placeOrder(
  ctx: ClientContext,
  v: { id: string; user: string },
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Completion> {
  try {
    const r = await httpJson(ctx.endpoint(C.writer, SERVICE_PORT), 'POST', '/orders', v, timeoutMs, signal);
    if (r.status === 201) return { type: 'ok', value: { id: v.id }, node: C.writer };
    // 400/409: refused; 503: the writer is still starting and did not look at the order.
    if (r.status === 400 || r.status === 409 || r.status === 503)
      return { type: 'fail', error: `HTTP ${r.status}`, node: C.writer };
    // 500 "order committed, event not published", or anything else: it may have happened.
    const msg = (r.body as { error?: string } | null)?.error;
    return { type: 'info', error: `HTTP ${r.status}${msg ? `: ${msg}` : ''}`, node: C.writer };
  } catch (e) {
    if (e instanceof HttpOutcomeError) return { type: e.definite ? 'fail' : 'info', error: e.message };
    // The writer is down and its port unpublished: the request never left.
    return { type: 'fail', error: e instanceof Error ? e.message : String(e) };
  }
}
