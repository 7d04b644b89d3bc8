// Client retries against the order API (seed 002: "같은 요청이 여러 번 들어와도 결과가 한 번만
// 적용되도록 … 주문 생성 API가 중복 호출돼도 주문은 한 번만 생성"): a request is one client
// ref; every order row beyond the first for one ref is a duplicate order, and every payment
// beyond the first for one ref is the customer charged twice. Over the final stores. Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';
import { ANOMALY, STORE, splitKey } from './names';

export const DOUBLE_CHARGE = 'double-charge';

function byRef(ids: readonly string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const id of ids) {
    const { ref, orderId } = splitKey(id);
    const ids = m.get(ref);
    if (ids) ids.push(orderId);
    else m.set(ref, [orderId]);
  }
  return m;
}

/** The client's tries of one request, from the history: ref -> {attempts, timeouts}. */
function tries(input: CheckInput): Map<string, { attempts: number; timeouts: number }> {
  const m = new Map<string, { attempts: number; timeouts: number }>();
  for (const op of input.history) {
    if (op.f !== 'place' || op.type === 'invoke') continue;
    const v = (op.value ?? {}) as { ref?: unknown; attempts?: unknown; timeouts?: unknown };
    if (typeof v.ref === 'string')
      m.set(v.ref, { attempts: Number(v.attempts ?? 0), timeouts: Number(v.timeouts ?? 0) });
  }
  return m;
}

export function idempotency(): Checker {
  return {
    name: 'idempotency',
    check(input: CheckInput): CheckResult {
      const orders = input.finalStores.find((s) => s.name === STORE.orders);
      const payments = input.finalStores.find((s) => s.name === STORE.payments);
      const zero = { [ANOMALY.duplicateOrder]: 0, [DOUBLE_CHARGE]: 0 };
      if (!orders?.available)
        return {
          name: 'idempotency',
          valid: 'unknown',
          summary: 'the order table could not be read',
          anomalies: zero,
          examples: {},
        };
      const perRef = byRef(orders.ids);
      const doubled = [...perRef].filter(([, ids]) => ids.length > 1);
      const duplicateOrders = doubled.reduce((s, [, ids]) => s + ids.length - 1, 0);
      const paidPerRef = payments?.available ? byRef(payments.ids) : null;
      const charged = paidPerRef ? [...paidPerRef].filter(([, ids]) => ids.length > 1) : [];
      const doubleCharges = charged.reduce((s, [, ids]) => s + ids.length - 1, 0);
      const t = tries(input);
      const retried = [...t.values()].filter((x) => x.attempts > 1).length;
      const timeouts = [...t.values()].reduce((s, x) => s + x.timeouts, 0);
      return {
        name: 'idempotency',
        valid: duplicateOrders > 0 ? false : true,
        summary:
          `${perRef.size} requests, ${retried} retried after ${timeouts} client timeouts: ` +
          (duplicateOrders
            ? `${duplicateOrders} duplicate orders (${doubled.length} requests ordered more than once)` +
              (paidPerRef ? `, ${doubleCharges} extra charges` : '')
            : 'one order per request'),
        anomalies: { [ANOMALY.duplicateOrder]: duplicateOrders, [DOUBLE_CHARGE]: doubleCharges },
        examples: {
          ...(doubled.length
            ? {
                [ANOMALY.duplicateOrder]: doubled
                  .slice(0, 5)
                  .map(([ref, ids]) => ({ ref, orders: ids, clientTries: t.get(ref)?.attempts ?? null })),
              }
            : {}),
          ...(charged.length
            ? { [DOUBLE_CHARGE]: charged.slice(0, 5).map(([ref, ids]) => ({ ref, paidOrders: ids })) }
            : {}),
        },
        stats: {
          requests: perRef.size,
          orders: orders.ids.length,
          duplicateOrders,
          doubleCharges: paidPerRef ? doubleCharges : null,
          retriedRequests: retried,
          clientTimeouts: timeouts,
        },
      };
    },
  };
}
