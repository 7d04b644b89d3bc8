// Names shared by the pack-3 scenarios built on the saga service: containers (also their DNS
// names on the run's network), the port, the database credentials, stores and anomalies.

export const PORT = 8080;
export const IMAGE = 'saga-service';

export const C = {
  db: 'db',
  order: 'order',
  inventory: 'inventory',
  payment: 'payment',
  shipping: 'shipping',
  orchestrator: 'orchestrator',
  gateway: 'gateway',
  reconciler: 'reconciler',
} as const;

/** The services that take part in a saga (each owns a database): not the orchestrator. */
export const PARTICIPANTS = ['order', 'inventory', 'payment', 'shipping'] as const;
export type Participant = (typeof PARTICIPANTS)[number];

/** The PostgreSQL image's defaults (its database is then copied from a build-time template). */
export const PG = { user: 'lab', password: 'lab', database: 'lab' } as const;

export const SAGA_STATES = ['running', 'compensating', 'completed', 'compensated'] as const;
export type SagaStateName = (typeof SAGA_STATES)[number];
export const TERMINAL_STATES: ReadonlySet<string> = new Set(['completed', 'compensated']);

export const STORE = {
  sagas: (state: SagaStateName) => `sagas-${state}`,
  ordersLive: 'orders-live',
  stockLive: 'stock-live',
  chargesLive: 'charges-live',
  shipmentsLive: 'shipments-live',
  source: 'source',
  copy: 'copy',
  drift: 'drift',
  repairs: 'repairs',
} as const;

/** The orchestrator's named points: after a participant's reply, before the saga log knows. */
export const ORCHESTRATOR_POINTS = [
  'after-create-order',
  'after-reserve',
  'after-charge',
  'after-ship',
  'after-commit-stock',
  'after-confirm-order',
  'after-release',
  'after-refund',
  'after-cancel-order',
] as const;

/** A participant's named point: its step committed, its reply not sent yet. */
export function participantPoint(step: string): string {
  return `after-${step}-commit`;
}

export const ANOMALY = {
  stockNotConserved: 'stock-not-conserved',
  stockLeftReserved: 'stock-left-reserved',
  soldMismatch: 'sold-mismatch',
  confirmedAndCompensated: 'order-confirmed-and-compensated',
  paymentWithoutOrder: 'payment-without-order',
  shipmentWithoutOrder: 'shipment-without-order',
  sagaLost: 'saga-lost',
  sagaNotTerminal: 'saga-not-terminal',
  sagaLate: 'saga-late',
  stepAppliedTwice: 'step-applied-twice',
  partialFailure: 'partial-failure',
  incompleteOrder: 'incomplete-order',
  driftLeft: 'drift-left',
  inventedRepair: 'invented-repair',
  unrepairedDrift: 'unrepaired-drift',
  spuriousRepair: 'spurious-repair',
} as const;

/** p1..pn */
export function productIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `p${i + 1}`);
}
