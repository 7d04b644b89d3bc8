// What each saga left at the participants, at the end (every saga terminal):
//   order-confirmed-and-compensated  an order confirmed whose saga was compensated (or
//                                    that was cancelled as well)
//   payment-without-order            money kept (a charge not refunded) without a confirmed
//                                    order, or a charge for an order that does not exist
//   shipment-without-order           a scheduled shipment without a confirmed order
// Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { CheckResult } from '../../../main/engine/checks';
import { firstExamples } from '../../../main/engine/checks/compose';
import { requireAudit, type SagaAudit } from '../audit';
import { ANOMALY } from '../names';

export function sagaOutcomes(): Checker {
  return {
    name: 'saga-outcomes',
    check(input: CheckInput): CheckResult {
      const { audit } = requireAudit<SagaAudit>(input.history);
      const order = new Map(audit.orders.map((o) => [o.id, o]));
      const saga = new Map(audit.sagas.map((s) => [s.id, s]));
      const events = new Map<string, Set<string>>();
      for (const e of audit.orderEvents) {
        const s = events.get(e.orderId) ?? new Set<string>();
        s.add(e.event);
        events.set(e.orderId, s);
      }
      const both: unknown[] = [];
      for (const id of new Set([...order.keys(), ...saga.keys()])) {
        const ev = events.get(id) ?? new Set<string>();
        const confirmed = order.get(id)?.state === 'confirmed' || ev.has('confirmed');
        const compensated = saga.get(id)?.state === 'compensated' || ev.has('cancelled');
        if (confirmed && compensated)
          both.push({
            saga: id,
            order: order.get(id)?.state ?? null,
            saga_state: saga.get(id)?.state ?? null,
            events: [...ev],
          });
      }
      const confirmed = (id: string) => order.get(id)?.state === 'confirmed';
      const noOrder = audit.charges.filter(
        (c) => !order.has(c.sagaId) || (c.state === 'charged' && !confirmed(c.sagaId)),
      );
      const noOrderShip = audit.shipments.filter((s) => s.state === 'scheduled' && !confirmed(s.sagaId));
      const anomalies = {
        [ANOMALY.confirmedAndCompensated]: both.length,
        [ANOMALY.paymentWithoutOrder]: noOrder.length,
        [ANOMALY.shipmentWithoutOrder]: noOrderShip.length,
      };
      const bad = both.length + noOrder.length + noOrderShip.length;
      const kept = audit.charges.filter((c) => c.state === 'charged');
      return {
        name: 'saga-outcomes',
        valid: bad > 0 ? false : true,
        summary:
          `${audit.orders.filter((o) => o.state === 'confirmed').length} orders confirmed, ` +
          `${audit.orders.filter((o) => o.state === 'cancelled').length} cancelled; ` +
          `${kept.length} charges kept, ${audit.charges.length - kept.length} refunded, ${audit.declines.length} declined: ` +
          `${both.length} orders both confirmed and compensated, ${noOrder.length} payments without an order, ` +
          `${noOrderShip.length} shipments without an order`,
        anomalies,
        examples: Object.fromEntries(
          [
            [ANOMALY.confirmedAndCompensated, firstExamples(both)],
            [ANOMALY.paymentWithoutOrder, firstExamples(noOrder)],
            [ANOMALY.shipmentWithoutOrder, firstExamples(noOrderShip)],
          ].filter(([, v]) => (v as unknown[]).length),
        ),
        stats: {
          ordersConfirmed: audit.orders.filter((o) => o.state === 'confirmed').length,
          ordersCancelled: audit.orders.filter((o) => o.state === 'cancelled').length,
          chargesKept: kept.length,
          chargesRefunded: audit.charges.length - kept.length,
          declines: audit.declines.length,
        },
      };
    },
  };
}
