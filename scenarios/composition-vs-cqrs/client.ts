// The lab's client for composition-vs-cqrs: two readers of the same order details.
//   composed  GET details /details/composed?order=  (API composition: calls the product service)
//   cqrs      GET details /details/cqrs?order=      (the read model fed by ProductPriceChanged)
// ok carries the price, the latency and, for the read model, its staleness in ms; fail when
// the details service answered an error (502: the product service could not be reached).
import { setMaxListeners } from 'node:events';
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson } from '../../main/engine/workload/http-json';
import { DETAILS, PORT } from './names';

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function detailsClient(ctx: ClientContext, timeoutMs = 5000): Client {
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      setMaxListeners(32, signal);
      if (op.f !== 'composed' && op.f !== 'cqrs') return { type: 'fail', error: `unknown op ${op.f}` };
      const order = String(rec(op.value).order);
      const t0 = performance.now();
      try {
        const r = await httpJson(
          ctx.endpoint(DETAILS, PORT),
          'GET',
          `/details/${op.f}?order=${encodeURIComponent(order)}`,
          undefined,
          timeoutMs,
          signal,
        );
        const latencyMs = Math.round(performance.now() - t0);
        const b = rec(r.body);
        if (r.status === 200) return { type: 'ok', value: { order, ...b, latencyMs } };
        return {
          type: 'fail',
          value: { order, latencyMs },
          error: `HTTP ${r.status}${typeof b.error === 'string' ? `: ${b.error}` : ''}`,
        };
      } catch (e) {
        // A read changes nothing: a read that got no answer failed.
        return {
          type: 'fail',
          value: { order, latencyMs: Math.round(performance.now() - t0) },
          error: (e as Error).message,
        };
      }
    },
  };
}
