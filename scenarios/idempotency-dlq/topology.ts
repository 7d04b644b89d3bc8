// The containers of idempotency-dlq: PostgreSQL (the order table, and the payment consumer's
// own database beside it), one Kafka broker, the order API and the payment consumer (the
// dlq-service image in its two roles).
import type { ConsumerLagSpec, ContainerSpec, StoreSpec } from '../../main/engine/scenario';
import type { TopologyLink } from '../../main/engine/events';
import { C, DLQ_TOPIC, GROUP, KAFKA_PORT, PORT, STORE, TOPIC } from './names';

export interface DlqTopology {
  maxAttempts: number;
  backoffMs: number;
  partitions: number;
}

const health = { kind: 'http' as const, port: PORT, path: '/health', timeoutMs: 90_000 };

function service(name: string, env: Record<string, string>): ContainerSpec {
  return {
    name,
    role: 'service',
    image: 'dlq-service',
    env: {
      NODE_NAME: name,
      PORT: String(PORT),
      PG_HOST: C.db,
      KAFKA_BROKERS: `${C.kafka}:9092`,
      TOPIC,
      ...env,
    },
    ports: [PORT],
    controlPort: PORT,
    wait: health,
    // Started with PostgreSQL and Kafka: the service waits for them itself (its start is tried
    // again within 500 ms while they are not ready), so its boot overlaps theirs.
    after: [C.db, C.kafka],
  };
}

export function dlqContainers(t: DlqTopology): ContainerSpec[] {
  return [
    {
      name: C.db,
      role: 'database',
      image: 'postgres',
      env: { POSTGRES_USER: 'lab', POSTGRES_PASSWORD: 'lab', POSTGRES_DB: 'lab' },
      ports: [5432],
      wait: { kind: 'exec', cmd: ['postgres-ready'], timeoutMs: 60_000 },
    },
    {
      name: C.kafka,
      role: 'broker',
      image: 'kafka',
      env: { NODE_ID: '1' },
      // Published for the lab's consumer-lag probe.
      ports: [KAFKA_PORT],
      wait: { kind: 'kafka', port: KAFKA_PORT, timeoutMs: 90_000 },
    },
    service(C.orders, { ROLE: 'orders', PARTITIONS: String(t.partitions) }),
    service(C.payments, {
      ROLE: 'payments',
      PARTITIONS: String(t.partitions),
      DLQ_TOPIC,
      MAX_ATTEMPTS: String(t.maxAttempts),
      BACKOFF_MS: String(t.backoffMs),
    }),
  ];
}

export function dlqLinks(): TopologyLink[] {
  return [
    { from: C.orders, to: C.db, label: 'INSERT order (idempotency key UNIQUE)' },
    { from: C.orders, to: C.kafka, label: `publish OrderPlaced (${TOPIC})` },
    { from: C.kafka, to: C.payments, label: 'consume, retry with backoff' },
    { from: C.payments, to: C.kafka, label: `give up: ${DLQ_TOPIC}` },
    { from: C.payments, to: C.db, label: 'payment + processed message (own database)' },
  ];
}

export function dlqStores(): StoreSpec[] {
  return [
    { name: STORE.orders, container: C.orders, port: PORT, path: '/orders' },
    { name: STORE.payments, container: C.payments, port: PORT, path: '/payments' },
    // The DLQ's depth: the accounting check reads its ids, but it is not a copy of the orders.
    { name: STORE.dlq, container: C.payments, port: PORT, path: '/dlq', kind: 'gauge', unit: 'messages' },
  ];
}

/** The payment consumer's lag on the orders topic, read by the lab from the broker. */
export function dlqLag(): ConsumerLagSpec {
  return { brokers: [C.kafka], port: KAFKA_PORT, groups: [{ group: GROUP, topics: [TOPIC] }] };
}
