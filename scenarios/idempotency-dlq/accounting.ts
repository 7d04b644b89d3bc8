// DLQ accounting (seed 002: "실패한 이벤트는 재시도, 일정 횟수 초과 시 DLQ로 이동해 수동 복구"):
// every order the API created put one message on the orders topic, and that message must end
// either applied exactly once (one payment row) or in the dead letter queue exactly once, never
// both and never neither. Counted over the final stores (ids "<ref>/<order id>"):
//   lost-message      an order neither paid nor in the DLQ
//   applied-twice     extra payment rows for one order
//   dead-twice        extra DLQ messages for one order
//   applied-and-dead  an order both paid and in the DLQ
//   phantom           a payment or DLQ message for an order the table does not hold
// Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { StoreSnapshot } from '../../main/engine/events';
import type { CheckResult } from '../../main/engine/checks';
import { ANOMALY, STORE } from './names';

const MAX_EXAMPLES = 5;

function counts(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

function store(input: CheckInput, name: string): StoreSnapshot | undefined {
  return input.finalStores.find((s) => s.name === name);
}

export interface Accounts {
  orders: number;
  applied: number;
  deadLettered: number;
  lost: string[];
  appliedTwice: { id: string; payments: number }[];
  deadTwice: { id: string; messages: number }[];
  appliedAndDead: string[];
  phantom: { id: string; in: string }[];
}

export function accounts(
  orders: readonly string[],
  payments: readonly string[],
  dlq: readonly string[],
): Accounts {
  const paid = counts(payments);
  const dead = counts(dlq);
  const known = new Set(orders);
  const a: Accounts = {
    orders: known.size,
    applied: 0,
    deadLettered: 0,
    lost: [],
    appliedTwice: [],
    deadTwice: [],
    appliedAndDead: [],
    phantom: [],
  };
  for (const id of known) {
    const p = paid.get(id) ?? 0;
    const d = dead.get(id) ?? 0;
    if (p > 1) a.appliedTwice.push({ id, payments: p });
    if (d > 1) a.deadTwice.push({ id, messages: d });
    if (p && d) a.appliedAndDead.push(id);
    else if (p) a.applied++;
    else if (d) a.deadLettered++;
    else a.lost.push(id);
  }
  for (const id of paid.keys()) if (!known.has(id)) a.phantom.push({ id, in: STORE.payments });
  for (const id of dead.keys()) if (!known.has(id)) a.phantom.push({ id, in: STORE.dlq });
  return a;
}

export function dlqAccounting(): Checker {
  return {
    name: 'dlq-accounting',
    check(input: CheckInput): CheckResult {
      const [o, p, d] = [STORE.orders, STORE.payments, STORE.dlq].map((n) => store(input, n));
      const zero = {
        [ANOMALY.lostMessage]: 0,
        [ANOMALY.appliedTwice]: 0,
        [ANOMALY.deadTwice]: 0,
        [ANOMALY.appliedAndDead]: 0,
        [ANOMALY.phantom]: 0,
      };
      if (!o?.available || !p?.available || !d?.available) {
        const missing = [o, p, d].flatMap((s, i) =>
          s?.available ? [] : [[STORE.orders, STORE.payments, STORE.dlq][i]],
        );
        return {
          name: 'dlq-accounting',
          valid: 'unknown',
          summary: `${missing.join(', ')} could not be read at the end`,
          anomalies: zero,
          examples: {},
        };
      }
      const a = accounts(o.ids, p.ids, d.ids);
      const extra = (xs: { payments?: number; messages?: number }[]) =>
        xs.reduce((s, x) => s + (x.payments ?? x.messages ?? 1) - 1, 0);
      const anomalies = {
        [ANOMALY.lostMessage]: a.lost.length,
        [ANOMALY.appliedTwice]: extra(a.appliedTwice),
        [ANOMALY.deadTwice]: extra(a.deadTwice),
        [ANOMALY.appliedAndDead]: a.appliedAndDead.length,
        [ANOMALY.phantom]: a.phantom.length,
      };
      const bad = Object.values(anomalies).some((n) => n > 0);
      const examples: Record<string, unknown[]> = {};
      const ex = (k: string, xs: unknown[]) => {
        if (xs.length) examples[k] = xs.slice(0, MAX_EXAMPLES);
      };
      ex(
        ANOMALY.lostMessage,
        a.lost.map((id) => ({ id })),
      );
      ex(ANOMALY.appliedTwice, a.appliedTwice);
      ex(ANOMALY.deadTwice, a.deadTwice);
      ex(
        ANOMALY.appliedAndDead,
        a.appliedAndDead.map((id) => ({ id })),
      );
      ex(ANOMALY.phantom, a.phantom);
      const summary =
        `${a.orders} orders: ${a.applied} paid exactly once, ${a.deadLettered} in the DLQ exactly once` +
        (bad
          ? `; ${Object.entries(anomalies)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${k} ${n}`)
              .join(', ')}`
          : '; every message accounted for');
      return {
        name: 'dlq-accounting',
        valid: !bad,
        summary,
        anomalies,
        examples,
        stats: {
          orders: a.orders,
          paidOnce: a.applied,
          deadLetteredOnce: a.deadLettered,
          paymentRows: p.ids.length,
          dlqMessages: d.ids.length,
        },
      };
    },
  };
}
