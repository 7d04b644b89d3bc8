// Names shared by the dual-write and outbox-polling scenarios: containers, stores, points.

export const SERVICE_PORT = 8080;

export const C = {
  db: 'db',
  kafka: 'kafka',
  writer: 'writer',
  relay: 'relay',
  consumer: 'consumer',
} as const;

/** Stores the lab reads over HTTP (each answers {"ids": [...]}). */
export const STORE = {
  /** The writer's order table: what was committed. */
  orders: 'writer-orders',
  /** Orders whose outbox row the relay marked sent (outbox only): the gap to the orders is the backlog. */
  outboxSent: 'outbox-sent',
  /** Outbox rows not yet marked sent (outbox only): a gauge, in rows. */
  outboxBacklog: 'outbox-backlog',
  /** The consumer's applied effects: an order id per application, repeated when applied twice. */
  effects: 'consumer-effects',
} as const;

/** The consumer's group (the outbox service's default GROUP_ID) and the events' topic. */
export const GROUP = 'order-consumer';
export const TOPIC = 'orders';
export const KAFKA_PORT = 9092;

export const POINT = {
  afterCommitBeforePublish: 'after-commit-before-publish',
  relayAfterPublishBeforeMark: 'relay-after-publish-before-mark',
} as const;

export const ANOMALY = {
  lostEvent: 'lost-event',
  phantomEvent: 'phantom-event',
  duplicateEffect: 'duplicate-effect',
} as const;
