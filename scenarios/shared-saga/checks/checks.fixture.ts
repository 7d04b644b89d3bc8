// Test fixtures: a consistent saga audit (every saga terminal, stock conserved), and a
// history that carries it, for the checkers' tests.
import type { CheckInput } from '../../../main/engine/scenario';
import type { Op } from '../../../main/engine/history';
import type { RunEvent } from '../../../main/engine/events';
import type { SagaAudit } from '../audit';

/** s1 completed (p1 x2), s2 compensated after a declined charge (p1 x1), from 10 units of p1. */
export function goodAudit(): SagaAudit {
  return {
    settled: true,
    waitedMs: 300,
    sagas: [
      {
        id: 's1',
        product: 'p1',
        qty: 2,
        amount: 20,
        state: 'completed',
        next: 6,
        failedStep: null,
        reason: null,
        resumed: 0,
      },
      {
        id: 's2',
        product: 'p1',
        qty: 1,
        amount: 10,
        state: 'compensated',
        next: -1,
        failedStep: 'charge',
        reason: 'card declined',
        resumed: 1,
      },
    ],
    log: [
      ...['create-order', 'reserve', 'charge', 'ship', 'commit-stock', 'confirm-order'].map((step) => ({
        sagaId: 's1',
        step,
        phase: 'do',
        outcome: 'ok',
      })),
      { sagaId: 's2', step: 'create-order', phase: 'do', outcome: 'ok' },
      { sagaId: 's2', step: 'reserve', phase: 'do', outcome: 'ok' },
      { sagaId: 's2', step: 'charge', phase: 'do', outcome: 'declined' },
      { sagaId: 's2', step: 'release', phase: 'undo', outcome: 'ok' },
      { sagaId: 's2', step: 'cancel-order', phase: 'undo', outcome: 'ok' },
    ],
    orders: [
      { id: 's1', product: 'p1', qty: 2, amount: 20, state: 'confirmed' },
      { id: 's2', product: 'p1', qty: 1, amount: 10, state: 'cancelled' },
    ],
    orderEvents: [
      { orderId: 's1', event: 'created' },
      { orderId: 's2', event: 'created' },
      { orderId: 's1', event: 'confirmed' },
      { orderId: 's2', event: 'cancelled' },
    ],
    products: [{ id: 'p1', initial: 10, available: 8, reserved: 0, sold: 2 }],
    reservations: [
      { sagaId: 's1', product: 'p1', qty: 2, state: 'sold' },
      { sagaId: 's2', product: 'p1', qty: 1, state: 'released' },
    ],
    charges: [{ sagaId: 's1', amount: 20, state: 'charged' }],
    declines: [{ sagaId: 's2', reason: 'card declined' }],
    shipments: [{ sagaId: 's1', state: 'scheduled' }],
    applied: [
      { service: 'order', sagaId: 's1', step: 'create-order', outcome: 'ok', times: 1 },
      { service: 'inventory', sagaId: 's1', step: 'reserve', outcome: 'ok', times: 1 },
      { service: 'payment', sagaId: 's1', step: 'charge', outcome: 'ok', times: 1 },
      { service: 'payment', sagaId: 's2', step: 'charge', outcome: 'declined', times: 1 },
    ],
  };
}

let index = 0;
function op(process: string, type: Op['type'], f: string, value: unknown, time: number, error?: string): Op {
  return { process, type, f, value, time, index: index++, error };
}

/** Two acknowledged starts, then the audit (invoked at 1000 ms). */
export function sagaInput(
  audit: SagaAudit,
  events: RunEvent[] = [],
  params: CheckInput['params'] = { stock: 10, products: 1 },
): CheckInput {
  const history: Op[] = [
    op('shop', 'invoke', 'start', { id: 's1' }, 0),
    op('shop', 'ok', 'start', { id: 's1' }, 5),
    op('shop', 'invoke', 'start', { id: 's2' }, 100),
    op('shop', 'ok', 'start', { id: 's2' }, 105),
    op('shop', 'invoke', 'audit', { settleMs: 10000 }, 1000),
    op('shop', 'ok', 'audit', audit, 1000 + audit.waitedMs + 100),
  ];
  return { params, history, finalStores: [], events };
}

export { op };
