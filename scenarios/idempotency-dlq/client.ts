// The lab's client for idempotency-dlq: a user placing orders the way a careful client would,
// retrying a request that timed out (it cannot know whether the order was made). With
// idempotencyKey on, every try of one request carries the same Idempotency-Key; off, each try
// is a new request. The lab's stall (X-Lab-Stall-Ms) goes on the first try only.
// One `place` op covers all the tries of one request: ok when a try got the order's id back
// (the value names every order id the tries were given), info when every try timed out (an
// order may exist), fail when the API refused it. At the end, `settle` waits for the consumer.
import type { Client, ClientContext, Completion } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import { httpJson, HttpOutcomeError } from '../../main/engine/workload/http-json';
import { getJson } from '../shared-outbox/calls'; // same port (8080) and the same null-unless-200
import { C, PORT } from './names';
import type { PlaceValue } from './generator';
import { settleStep, type DlqObservation, type SettleState } from './settle';

export interface DlqClientOptions {
  idempotencyKey: boolean;
  timeoutMs: number;
  /** Tries after the first one, when a try timed out. */
  retries: number;
  settle?: { stableMs: number; maxMs: number; everyMs: number };
}

const DEFAULT_SETTLE = { stableMs: 1000, maxMs: 60_000, everyMs: 200 };

export type TryResult =
  | { kind: 'order'; orderId: string; created: boolean }
  | { kind: 'refused'; error: string }
  | { kind: 'unknown'; error: string; retry: boolean };

/** What one try's answer means. Pure. */
export function tryResult(status: number, body: unknown): TryResult {
  const b = (body ?? {}) as { id?: unknown; created?: unknown; error?: unknown };
  const err = `HTTP ${status}${typeof b.error === 'string' ? `: ${b.error}` : ''}`;
  if ((status === 201 || status === 200) && typeof b.id === 'string')
    return { kind: 'order', orderId: b.id, created: status === 201 };
  if (status === 400 || status === 422) return { kind: 'refused', error: err };
  // 503: the API is starting and did not look at the order: safe to try again.
  if (status === 503) return { kind: 'unknown', error: err, retry: true };
  // 500 "order committed, event not published", or anything else: it may have happened.
  return { kind: 'unknown', error: err, retry: false };
}

/** The id the lab's stores use for an order: "<ref>/<order id>". */
export const orderKey = (ref: string, orderId: string): string => `${ref}/${orderId}`;

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export function dlqClient(ctx: ClientContext, o: DlqClientOptions): Client {
  const cfg = o.settle ?? DEFAULT_SETTLE;

  async function place(op: Op, signal: AbortSignal): Promise<Completion> {
    const v = op.value as PlaceValue;
    const body = { ref: v.ref, user: v.user, card: v.card, amountCents: v.amountCents };
    const orderIds: string[] = [];
    const errors: string[] = [];
    let timeouts = 0;
    const tries = 1 + o.retries;
    for (let attempt = 1; attempt <= tries && !signal.aborted; attempt++) {
      const headers: Record<string, string> = {};
      if (o.idempotencyKey) headers['idempotency-key'] = `key-${v.ref}`;
      if (attempt === 1 && v.stallMs > 0) headers['x-lab-stall-ms'] = String(v.stallMs);
      let t: TryResult;
      try {
        const r = await httpJson(
          ctx.endpoint(C.orders, PORT),
          'POST',
          '/orders',
          body,
          o.timeoutMs,
          signal,
          headers,
        );
        t = tryResult(r.status, r.body);
      } catch (e) {
        const definite = e instanceof HttpOutcomeError && e.definite;
        if (!definite) timeouts++;
        t = { kind: 'unknown', error: e instanceof Error ? e.message : String(e), retry: true };
      }
      const stats = { ref: v.ref, card: v.card, attempts: attempt, timeouts, orderIds, errors };
      if (t.kind === 'order') {
        orderIds.push(t.orderId);
        return {
          type: 'ok',
          node: C.orders,
          value: { ...stats, id: orderKey(v.ref, t.orderId), orderId: t.orderId, created: t.created },
        };
      }
      errors.push(t.error);
      if (t.kind === 'refused') return { type: 'fail', node: C.orders, error: t.error, value: stats };
      if (!t.retry) return { type: 'info', node: C.orders, error: t.error, value: stats };
    }
    return {
      type: 'info',
      node: C.orders,
      error: `no answer after ${tries} tries: ${errors[errors.length - 1] ?? 'stopped'}`,
      value: { ref: v.ref, card: v.card, attempts: tries, timeouts, orderIds, errors },
    };
  }

  async function settle(signal: AbortSignal): Promise<Completion> {
    const t0 = Date.now();
    let state: SettleState = { since: null };
    let last: { obs: DlqObservation; orders: unknown; payments: unknown } | null = null;
    while (!signal.aborted && Date.now() - t0 < cfg.maxMs) {
      const [orders, payments] = await Promise.all([
        getJson(ctx, C.orders, '/stats', signal),
        getJson(ctx, C.payments, '/stats', signal),
      ]);
      const os = (orders ?? {}) as Record<string, unknown>;
      const ps = (payments ?? {}) as Record<string, unknown>;
      const obs: DlqObservation = {
        at: Date.now() - t0,
        orders: num(os.orders),
        paidOrders: num(ps.paidOrders),
        dlqMessages: num(ps.dlqMessages),
        dlqSeen: num(ps.dlqSeen),
        lag: num(ps.lag),
        processing: num(ps.processing),
      };
      last = { obs, orders, payments };
      const step = settleStep(state, obs, cfg.stableMs);
      state = step.state;
      if (step.settled) return { type: 'ok', value: { waitedMs: Date.now() - t0, orders, payments } };
      await new Promise((r) => setTimeout(r, cfg.everyMs));
    }
    return {
      type: 'info',
      error: `did not settle within ${cfg.maxMs} ms`,
      value: { waitedMs: Date.now() - t0, orders: last?.orders, payments: last?.payments },
    };
  }

  return {
    invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.f === 'place') return place(op, signal);
      if (op.f === 'settle') return settle(signal);
      return Promise.resolve({ type: 'fail', error: `unknown op ${op.f}` });
    },
  };
}
