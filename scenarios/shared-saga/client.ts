// The lab's client for the saga-service scenarios. Outcomes are recorded honestly: ok when
// the service said it happened, fail when it certainly did not (a 4xx, a refused connection,
// the gateway answering that the order failed), info when it may have (a timeout, a reset).
//   start   POST orchestrator /sagas      ok once the saga is in the saga log (202); with
//           {retryMs} in the value the shopper sends it again (same id: the orchestrator
//           creates a saga once) while the outcome is unknown or the orchestrator unreachable
//   order   POST gateway /orders          ok when every participant committed (201)
//   add     POST order /orders            the dual write; ok carries {copy: written|skipped|failed}
//   audit   wait until settled, then read every service's store directly (see audit.ts)
import { setMaxListeners } from 'node:events';
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError, type HttpResult } from '../../main/engine/workload/http-json';
import { C, PORT } from './names';
import type { ReconAudit, SagaAudit } from './audit';

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function servedBy(r: HttpResult): string | undefined {
  const h = r.headers['x-served-by'];
  return Array.isArray(h) ? h[0] : h;
}

/** What a reply means for a write. Exported for tests. */
export function writeOutcome(r: HttpResult, okStatus: number[], id: string): Completion {
  const node = servedBy(r);
  const b = rec(r.body);
  if (okStatus.includes(r.status)) return { type: 'ok', value: { id, ...b }, node };
  const error = `HTTP ${r.status}${typeof b.error === 'string' ? `: ${b.error}` : ''}`;
  if ((r.status >= 400 && r.status < 500) || b.definite === true)
    return { type: 'fail', value: { id, ...b }, node, error };
  return { type: 'info', value: { id }, node, error };
}

export interface SagaClientOptions {
  timeoutMs?: number;
  /** How often the audit polls while waiting to settle. */
  pollMs?: number;
}

export function sagaClient(ctx: ClientContext, o: SagaClientOptions = {}): Client {
  // Longer than a gateway's worst case (three calls and three rollbacks, 2 s each).
  const timeoutMs = o.timeoutMs ?? 15_000;
  const pollMs = o.pollMs ?? 200;
  const ep = (name: string) => ctx.endpoint(name, PORT);
  const get = async (name: string, path: string, signal: AbortSignal): Promise<Record<string, unknown>> => {
    const r = await httpJson(ep(name), 'GET', path, undefined, timeoutMs, signal);
    if (r.status !== 200) throw new Error(`${name} ${path}: HTTP ${r.status}`);
    return rec(r.body);
  };
  const write = async (
    name: string,
    path: string,
    body: Record<string, unknown>,
    ok: number[],
    signal: AbortSignal,
  ) => {
    const id = String(body.id);
    try {
      const r = await httpJson(ep(name), 'POST', path, body, timeoutMs, signal);
      return writeOutcome(r, ok, id);
    } catch (e) {
      const definite = e instanceof HttpOutcomeError && e.definite;
      return { type: definite ? 'fail' : 'info', value: { id }, error: (e as Error).message } as Completion;
    }
  };
  /** Polls `done` until it says true or `settleMs` passes; the time waited. */
  const waitUntil = async (
    done: () => Promise<boolean>,
    settleMs: number,
    signal: AbortSignal,
  ): Promise<{ settled: boolean; waitedMs: number }> => {
    const t0 = performance.now();
    for (;;) {
      try {
        if (await done()) return { settled: true, waitedMs: Math.round(performance.now() - t0) };
      } catch {
        // the service is restarting: keep waiting
      }
      if (performance.now() - t0 > settleMs || signal.aborted)
        return { settled: false, waitedMs: Math.round(performance.now() - t0) };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };

  async function sagaAudit(settleMs: number, signal: AbortSignal): Promise<SagaAudit> {
    const w = await waitUntil(
      async () => {
        const s = await get(C.orchestrator, '/sagas/summary', signal);
        return s.nonTerminal === 0 && s.driving === 0;
      },
      settleMs,
      signal,
    );
    const [orch, order, inv, pay, ship] = await Promise.all(
      [C.orchestrator, C.order, C.inventory, C.payment, C.shipping].map((n) => get(n, '/audit', signal)),
    );
    const applied = (service: string, b: Record<string, unknown>) =>
      list<Record<string, unknown>>(b.applied).map((a) => ({ service, ...a })) as SagaAudit['applied'];
    return {
      ...w,
      sagas: list(orch.sagas),
      log: list(orch.log),
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

  async function reconAudit(settleMs: number, signal: AbortSignal): Promise<ReconAudit> {
    const w = await waitUntil(
      async () => list((await get(C.reconciler, '/drift', signal)).ids).length === 0,
      settleMs,
      signal,
    );
    const [order, copies, recon] = await Promise.all([
      get(C.order, '/audit', signal),
      get(C.shipping, '/copies/rows', signal),
      get(C.reconciler, '/audit', signal),
    ]);
    return {
      ...w,
      source: list<Record<string, unknown>>(order.orders).map((r) => ({
        id: String(r.id),
        user: (r.user as string | null) ?? null,
        product: String(r.product),
        qty: Number(r.qty),
        amount: Number(r.amount),
        copyStatus: (r.copyStatus as string | null) ?? null,
      })),
      copy: list(copies.rows),
      repairs: list(recon.repairs),
      passes: list(recon.passes),
    };
  }

  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      setMaxListeners(32, signal);
      const v = rec(op.value);
      switch (op.f) {
        case 'start': {
          const retryMs = typeof v.retryMs === 'number' ? v.retryMs : 0;
          const { retryMs: _r, ...body } = v;
          const t0 = performance.now();
          for (let attempt = 1; ; attempt++) {
            const c = await write(C.orchestrator, '/sagas', body, [202], signal);
            const refused = c.type === 'fail' && !/^HTTP 4/.test(c.error ?? '');
            if (
              c.type === 'ok' ||
              (!refused && c.type === 'fail') ||
              performance.now() - t0 > retryMs ||
              signal.aborted
            )
              return attempt > 1 ? { ...c, value: { ...(c.value as object), attempts: attempt } } : c;
            await new Promise((r) => setTimeout(r, pollMs));
          }
        }
        case 'order':
          return write(C.gateway, '/orders', v, [201], signal);
        case 'add':
          return write(C.order, '/orders', v, [201], signal);
        case 'audit':
        case 'audit-recon':
          try {
            const settleMs = typeof v.settleMs === 'number' ? v.settleMs : 30_000;
            const value =
              op.f === 'audit' ? await sagaAudit(settleMs, signal) : await reconAudit(settleMs, signal);
            return { type: 'ok', value };
          } catch (e) {
            // A read changes nothing: an audit that could not read is a failed audit.
            return { type: 'fail', error: (e as Error).message };
          }
        default:
          return { type: 'fail', error: `unknown op ${op.f}` };
      }
    },
  };
}
