// The lab's client for the outbox scenarios: places orders with the writer (as a user
// would), and at the end waits for the system to settle, recording what it saw (consumer
// counters, the relay's polling numbers) in the history.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { C } from './names';
import { getJson, placeOrder } from './calls';
import { settleStep, type Observation, type SettleState } from './settle';

export interface OutboxClientOptions {
  hasOutbox: boolean;
  hasRelay: boolean;
  timeoutMs?: number;
  settle?: { stableMs: number; maxMs: number; everyMs: number };
}

const DEFAULT_SETTLE = { stableMs: 1000, maxMs: 60_000, everyMs: 200 };

function count(v: unknown): number | null {
  const ids = (v as { ids?: unknown } | null)?.ids;
  return Array.isArray(ids) ? ids.length : null;
}

export function outboxClient(ctx: ClientContext, o: OutboxClientOptions): Client {
  const timeoutMs = o.timeoutMs ?? 5000;
  const settleCfg = o.settle ?? DEFAULT_SETTLE;

  const add = (op: Op, signal: AbortSignal): Promise<Completion> =>
    placeOrder(ctx, op.value as { id: string; user: string }, timeoutMs, signal);

  async function observe(signal: AbortSignal, t0: number): Promise<{ obs: Observation; consumer: unknown }> {
    const [orders, unsent, consumer] = await Promise.all([
      getJson(ctx, C.writer, '/orders', signal),
      o.hasOutbox ? getJson(ctx, C.writer, '/outbox/unsent', signal) : Promise.resolve({ ids: [] }),
      getJson(ctx, C.consumer, '/stats', signal),
    ]);
    const cs = consumer as { lag?: unknown; effects?: unknown } | null;
    return {
      obs: {
        at: Date.now() - t0,
        orders: count(orders),
        backlog: count(unsent),
        lag: typeof cs?.lag === 'number' ? cs.lag : null,
        effects: typeof cs?.effects === 'number' ? cs.effects : null,
      },
      consumer,
    };
  }

  async function settle(signal: AbortSignal): Promise<Completion> {
    const t0 = Date.now();
    let state: SettleState = { since: null };
    let last: { obs: Observation; consumer: unknown } | null = null;
    while (!signal.aborted && Date.now() - t0 < settleCfg.maxMs) {
      last = await observe(signal, t0);
      const step = settleStep(state, last.obs, settleCfg.stableMs);
      state = step.state;
      if (step.settled) {
        const relay = o.hasRelay ? await getJson(ctx, C.relay, '/stats', signal) : undefined;
        return {
          type: 'ok',
          value: { waitedMs: Date.now() - t0, ...last.obs, consumer: last.consumer, relay },
        };
      }
      await new Promise((r) => setTimeout(r, settleCfg.everyMs));
    }
    return {
      type: 'info',
      error: `did not settle within ${settleCfg.maxMs} ms`,
      value: { waitedMs: Date.now() - t0, ...(last?.obs ?? {}), consumer: last?.consumer },
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
