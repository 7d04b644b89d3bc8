// The users' client for shared-db: talks only to the load balancer. Outcomes are recorded
// honestly: ok only on the service's success status; fail when the order or sale certainly
// did not happen (409/400, a 503 from the service saying the database failed before COMMIT,
// a 503 from HAProxy with no server, a refused connection); info when it may have happened
// (a 500 from the service whose COMMIT broke off, a 502/504, a timeout).
import { setMaxListeners } from 'node:events';
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError, type HttpResult } from '../../main/engine/workload/http-json';

const READS = new Set(['list', 'stock']);
/** Buyers (at most 32), the user and some headroom, each with one request in flight. */
const MAX_LANES = 64;

function servedBy(r: HttpResult): string | undefined {
  const h = r.headers['x-served-by'];
  return Array.isArray(h) ? h[0] : h;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

/** What a non-success status means for a write. Exported for tests. */
export function writeFailure(r: HttpResult): Completion {
  const node = servedBy(r);
  const said = field(r.body, 'error');
  const error = `HTTP ${r.status}${typeof said === 'string' ? `: ${said}` : ''}`;
  if (r.status === 409 || r.status === 400) return { type: 'fail', node, error };
  if (r.status === 503) {
    // From the service: the database failed before COMMIT. From HAProxy: no server took it.
    return { type: 'fail', node, error: node ? error : `HTTP 503 (no instance available)` };
  }
  if (field(r.body, 'definite') === true) return { type: 'fail', node, error };
  return { type: 'info', node, error };
}

export function sharedDbClient(ctx: ClientContext, lb: string, port = 8080, timeoutMs = 8000): Client {
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      // Every buyer lane has a request in flight listening to the run's one abort signal.
      setMaxListeners(MAX_LANES, signal);
      const ep = ctx.endpoint(lb, port);
      try {
        switch (op.f) {
          case 'add': {
            const v = op.value as { id: string; user: string };
            const r = await httpJson(
              ep,
              'POST',
              '/orders',
              { id: v.id, user: v.user, item: 'book' },
              timeoutMs,
              signal,
            );
            const node = servedBy(r);
            return r.status === 201 ? { type: 'ok', value: { id: v.id, node }, node } : writeFailure(r);
          }
          case 'buy': {
            const v = op.value as { id: string };
            const r = await httpJson(ep, 'POST', '/buy', { id: v.id }, timeoutMs, signal);
            const node = servedBy(r);
            if (r.status !== 201) return writeFailure(r);
            return {
              type: 'ok',
              value: {
                id: v.id,
                node,
                read: field(r.body, 'read'),
                wrote: field(r.body, 'wrote'),
                attempts: field(r.body, 'attempts'),
              },
              node,
            };
          }
          case 'list': {
            const r = await httpJson(ep, 'GET', '/orders', undefined, timeoutMs, signal);
            const node = servedBy(r);
            const ids = field(r.body, 'ids');
            if (r.status === 200 && Array.isArray(ids))
              return { type: 'ok', value: { ids: ids.map(String), node }, node };
            return { type: 'fail', node, error: `HTTP ${r.status}` };
          }
          case 'stock': {
            const r = await httpJson(ep, 'GET', '/stock', undefined, timeoutMs, signal);
            const node = servedBy(r);
            const ids = field(r.body, 'ids');
            const stock = field(r.body, 'stock');
            if (r.status === 200 && Array.isArray(ids) && typeof stock === 'number') {
              return {
                type: 'ok',
                value: { stock, sold: field(r.body, 'sold'), ids: ids.map(String), node },
                node,
              };
            }
            return { type: 'fail', node, error: `HTTP ${r.status}` };
          }
          default:
            return { type: 'fail', error: `unknown op ${op.f}` };
        }
      } catch (e) {
        if (e instanceof HttpOutcomeError) {
          // A read never changes anything: an unknown read is a failed read.
          return { type: e.definite || READS.has(op.f) ? 'fail' : 'info', error: e.message };
        }
        return { type: 'info', error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
