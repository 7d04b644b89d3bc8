// The lab's client for outbox-cdc: places orders with the writer (as a user would), and at the
// end waits for the system to settle (settle.ts), recording what it saw (the consumer's
// counters, the connector's state, the slot's numbers) in the history.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { C } from '../shared-outbox/names';
import { getJson, placeOrder } from '../shared-outbox/calls';
import { CDC_ADMIN } from './topology';
import { settleStep, type CdcObservation, type SettleState } from './settle';

export interface CdcClientOptions {
  timeoutMs?: number;
  settle?: { stableMs: number; maxMs: number; everyMs: number };
}

const DEFAULT_SETTLE = { stableMs: 1500, maxMs: 75_000, everyMs: 250 };

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The observation a settle step needs, from the three services' answers. Pure. */
export function observation(at: number, orders: unknown, consumer: unknown, cdc: unknown): CdcObservation {
  const ids = (orders as { ids?: unknown } | null)?.ids;
  const cs = (consumer ?? {}) as Record<string, unknown>;
  const st = (cdc ?? {}) as { running?: unknown; slot?: { released?: unknown } };
  const released = st.slot?.released;
  return {
    at,
    orders: Array.isArray(ids) ? ids.length : null,
    applied: num(cs.distinctEvents),
    effects: num(cs.effects),
    lag: num(cs.lag),
    running: st.running === true,
    walReleased: typeof released === 'boolean' ? released : null,
  };
}

export function cdcClient(ctx: ClientContext, o: CdcClientOptions = {}): Client {
  const timeoutMs = o.timeoutMs ?? 5000;
  const cfg = o.settle ?? DEFAULT_SETTLE;

  const add = (op: Op, signal: AbortSignal): Promise<Completion> =>
    placeOrder(ctx, op.value as { id: string; user: string }, timeoutMs, signal);

  async function settle(signal: AbortSignal): Promise<Completion> {
    const t0 = Date.now();
    let state: SettleState = { since: null };
    let last: { obs: CdcObservation; consumer: unknown; cdc: unknown } | null = null;
    while (!signal.aborted && Date.now() - t0 < cfg.maxMs) {
      const [orders, consumer, cdc] = await Promise.all([
        getJson(ctx, C.writer, '/orders', signal),
        getJson(ctx, C.consumer, '/stats', signal),
        getJson(ctx, CDC_ADMIN, '/status', signal),
      ]);
      last = { obs: observation(Date.now() - t0, orders, consumer, cdc), consumer, cdc };
      const step = settleStep(state, last.obs, cfg.stableMs);
      state = step.state;
      if (step.settled)
        return { type: 'ok', value: { waitedMs: Date.now() - t0, ...last.obs, consumer, cdc } };
      await new Promise((r) => setTimeout(r, cfg.everyMs));
    }
    return {
      type: 'info',
      error: `did not settle within ${cfg.maxMs} ms`,
      value: { waitedMs: Date.now() - t0, ...(last?.obs ?? {}), consumer: last?.consumer, cdc: last?.cdc },
    };
  }

  return {
    invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.f === 'add') return add(op, signal);
      if (op.f === 'settle') return settle(signal);
      return Promise.resolve({ type: 'fail', error: `unknown op ${op.f}` });
    },
  };
}
