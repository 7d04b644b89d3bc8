// The user's client: talks only to the load balancer, as a real user would.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError } from '../../main/engine/workload/http-json';

export function orderClient(ctx: ClientContext, lb: string, port = 8080, timeoutMs = 3000): Client {
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      const ep = ctx.endpoint(lb, port);
      try {
        if (op.f === 'add') {
          const v = op.value as { id: string; user: string };
          const r = await httpJson(
            ep,
            'POST',
            '/orders',
            { id: v.id, user: v.user, item: 'book' },
            timeoutMs,
            signal,
          );
          const node = servedBy(r.headers['x-served-by']);
          if (r.status === 201) return { type: 'ok', value: { id: v.id, node }, node };
          if (r.status === 409 || r.status === 400) return { type: 'fail', node, error: `HTTP ${r.status}` };
          // 503 from HAProxy: no server took it. 502/504: a server may have applied it.
          if (r.status === 503) return { type: 'fail', node, error: 'HTTP 503 (no instance available)' };
          return { type: 'info', node, error: `HTTP ${r.status}` };
        }
        if (op.f === 'list') {
          const r = await httpJson(ep, 'GET', '/orders', undefined, timeoutMs, signal);
          const node = servedBy(r.headers['x-served-by']);
          const ids = (r.body as { ids?: unknown })?.ids;
          if (r.status === 200 && Array.isArray(ids))
            return { type: 'ok', value: { ids: ids.map(String), node }, node };
          return { type: 'fail', node, error: `HTTP ${r.status}` };
        }
        return { type: 'fail', error: `unknown op ${op.f}` };
      } catch (e) {
        if (e instanceof HttpOutcomeError) {
          // A read never changes anything: an unknown read is a failed read.
          return { type: e.definite || op.f === 'list' ? 'fail' : 'info', error: e.message };
        }
        return { type: 'info', error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

function servedBy(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
