// Names of idempotency-dlq: containers, stores, anomalies.

export const PORT = 8080;

/** How the payment gateway treats a card (resources/services/dlq/event.ts). */
export type Card = 'valid' | 'flaky' | 'poison';

export const C = {
  db: 'db',
  kafka: 'kafka',
  orders: 'orders',
  payments: 'payments',
} as const;

/** Stores the lab reads; every id is "<client ref>/<order id>", one per row or message. */
export const STORE = {
  /** The order table: one row per order the API created (a retried request may make two). */
  orders: 'orders',
  /** The payment table: one row per payment the consumer applied. */
  payments: 'payments',
  /** The dead letter queue: one per message the consumer gave up on (a gauge: its depth). */
  dlq: 'dlq',
} as const;

export const TOPIC = 'orders';
export const DLQ_TOPIC = 'orders.dlq';
/** The payment consumer's group (the dlq service's default GROUP_ID). */
export const GROUP = 'payments';
export const KAFKA_PORT = 9092;

export const ANOMALY = {
  lostMessage: 'lost-message',
  appliedTwice: 'applied-twice',
  deadTwice: 'dead-twice',
  appliedAndDead: 'applied-and-dead',
  phantom: 'phantom',
  duplicateOrder: 'duplicate-order',
  misrouted: 'misrouted',
} as const;

/** "<ref>/<order id>" -> its parts (the ref may itself hold no slash). */
export function splitKey(key: string): { ref: string; orderId: string } {
  const i = key.lastIndexOf('/');
  return i < 0 ? { ref: key, orderId: '' } : { ref: key.slice(0, i), orderId: key.slice(i + 1) };
}
