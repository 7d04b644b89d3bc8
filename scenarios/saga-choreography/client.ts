// The lab's client for saga-choreography (no orchestrator to ask):
//   start  POST order /sagas  ok on 202 (the order is in the order database and OrderCreated
//          acknowledged by Kafka); sent again (same id) while the outcome is not ok, up to retryMs
//   audit  waits until the order service holds no pending order, then reads every service's
//          store directly; the sagas are the orders as the order service sees them
//          (pending = running, confirmed = completed, cancelled = compensated)
import { setMaxListeners } from 'node:events';
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError } from '../../main/engine/workload/http-json';
import { writeOutcome } from '../shared-saga/client';
import type { SagaAudit } from '../shared-saga/audit';
import { C, PORT } from '../shared-saga/names';

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

export function choreoClient(ctx: ClientContext, timeoutMs = 10_000, pollMs = 200): Client {
  const ep = (name: string) => ctx.endpoint(name, PORT);
  const get = async (name: string, path: string, signal: AbortSignal) => {
    const r = await httpJson(ep(name), 'GET', path, undefined, timeoutMs, signal);
    if (r.status !== 200) throw new Error(`${name} ${path}: HTTP ${r.status}`);
    return rec(r.body);
  };
  const startOnce = async (body: Record<string, unknown>, signal: AbortSignal): Promise<Completion> => {
    const id = String(body.id);
    try {
      const r = await httpJson(ep(C.order), 'POST', '/sagas', body, timeoutMs, signal);
      return writeOutcome(r, [202], id);
    } catch (e) {
      const definite = e instanceof HttpOutcomeError && e.definite;
      return { type: definite ? 'fail' : 'info', value: { id }, error: (e as Error).message };
    }
  };
  async function audit(settleMs: number, signal: AbortSignal): Promise<SagaAudit> {
    const t0 = performance.now();
    let settled = false;
    for (;;) {
      try {
        const s = await get(C.order, '/sagas/summary', signal);
        if (s.nonTerminal === 0) {
          settled = true;
          break;
        }
      } catch {
        // restarting: keep waiting
      }
      if (performance.now() - t0 > settleMs || signal.aborted) break;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const waitedMs = Math.round(performance.now() - t0);
    const [rows, order, inv, pay, ship] = await Promise.all([
      get(C.order, '/sagas/rows', signal),
      ...[C.order, C.inventory, C.payment, C.shipping].map((n) => get(n, '/audit', signal)),
    ]);
    const applied = (service: string, b: Record<string, unknown>) =>
      list<Record<string, unknown>>(b.applied).map((a) => ({ service, ...a })) as SagaAudit['applied'];
    return {
      settled,
      waitedMs,
      sagas: list(rows.sagas),
      log: [],
      orders: list(order.orders),
      orderEvents: list(order.events),
      products: list(inv.products),
      reservations: list(inv.reservations),
      charges: list(pay.charges),
      declines: list(pay.declines),
      shipments: list(ship.shipments),
      applied: [
        ...applied(C.order, order),
        ...applied(C.inventory, inv),
        ...applied(C.payment, pay),
        ...applied(C.shipping, ship),
      ],
    };
  }
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      setMaxListeners(32, signal);
      const v = rec(op.value);
      if (op.f === 'start') {
        const { retryMs: r, ...body } = v;
        const retryMs = typeof r === 'number' ? r : 0;
        const t0 = performance.now();
        for (let attempt = 1; ; attempt++) {
          const c = await startOnce(body, signal);
          const badRequest = c.type === 'fail' && /^HTTP 4/.test(c.error ?? '');
          if (c.type === 'ok' || badRequest || performance.now() - t0 > retryMs || signal.aborted)
            return attempt > 1 ? { ...c, value: { ...(c.value as object), attempts: attempt } } : c;
          await new Promise((res) => setTimeout(res, pollMs));
        }
      }
      if (op.f === 'audit') {
        try {
          const settleMs = typeof v.settleMs === 'number' ? v.settleMs : 30_000;
          return { type: 'ok', value: await audit(settleMs, signal) };
        } catch (e) {
          return { type: 'fail', error: (e as Error).message };
        }
      }
      return { type: 'fail', error: `unknown op ${op.f}` };
    },
  };
}
