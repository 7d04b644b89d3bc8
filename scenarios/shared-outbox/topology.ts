// The containers of the outbox scenarios: one PostgreSQL server (the writer's database, and
// the consumer's own database beside it), one Kafka broker, and the outbox-service image in
// its roles: the writer, the consumer and (outbox mode) the relay.
import type { ConsumerLagSpec, ContainerSpec, StoreSpec } from '../../main/engine/scenario';
import type { TopologyLink } from '../../main/engine/events';
import { C, GROUP, KAFKA_PORT, SERVICE_PORT, STORE, TOPIC } from './names';

export interface OutboxTopology {
  mode: 'dual-write' | 'outbox';
  idempotent: boolean;
  pollMs?: number;
  batchSize?: number;
}

const health = { kind: 'http' as const, port: SERVICE_PORT, path: '/health', timeoutMs: 60_000 };

/**
 * A role of the outbox service. `after`: started once these are started (the role waits for
 * PostgreSQL and Kafka itself, trying its start again within 500 ms, so its boot overlaps
 * theirs); `dependsOn`: once these are ready.
 */
function service(
  name: string,
  env: Record<string, string>,
  start: { after?: string[]; dependsOn?: string[] },
): ContainerSpec {
  return {
    name,
    role: 'service',
    image: 'outbox-service',
    env: {
      NODE_NAME: name,
      PORT: String(SERVICE_PORT),
      PG_HOST: C.db,
      KAFKA_BROKERS: `${C.kafka}:9092`,
      ...env,
    },
    ports: [SERVICE_PORT],
    controlPort: SERVICE_PORT,
    wait: health,
    ...start,
  };
}

export function outboxContainers(t: OutboxTopology): ContainerSpec[] {
  const containers: ContainerSpec[] = [
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
    service(C.writer, { ROLE: 'writer', MODE: t.mode }, { after: [C.db, C.kafka] }),
    service(C.consumer, { ROLE: 'consumer', IDEMPOTENT: String(t.idempotent) }, { after: [C.db, C.kafka] }),
  ];
  if (t.mode === 'outbox') {
    containers.push(
      service(
        C.relay,
        { ROLE: 'relay', POLL_MS: String(t.pollMs ?? 200), BATCH_SIZE: String(t.batchSize ?? 10) },
        // Ready first: the writer creates the outbox table (two CREATE TABLEs at once can clash).
        { dependsOn: [C.writer] },
      ),
    );
  }
  return containers;
}

export function outboxLinks(mode: 'dual-write' | 'outbox'): TopologyLink[] {
  const links: TopologyLink[] =
    mode === 'dual-write'
      ? [
          { from: C.writer, to: C.db, label: '1. INSERT order, COMMIT' },
          { from: C.writer, to: C.kafka, label: '2. publish OrderCreated' },
        ]
      : [
          { from: C.writer, to: C.db, label: 'order + outbox row, one COMMIT' },
          { from: C.relay, to: C.db, label: 'poll unsent, mark sent' },
          { from: C.relay, to: C.kafka, label: 'publish OrderCreated' },
        ];
  return [
    ...links,
    { from: C.kafka, to: C.consumer, label: 'consume (group)' },
    { from: C.consumer, to: C.db, label: 'apply (own database)' },
  ];
}

/** The consumer's lag, read by the lab from the broker. */
export function outboxLag(): ConsumerLagSpec {
  return { brokers: [C.kafka], port: KAFKA_PORT, groups: [{ group: GROUP, topics: [TOPIC] }] };
}

export function outboxStores(mode: 'dual-write' | 'outbox'): StoreSpec[] {
  return [
    { name: STORE.orders, container: C.writer, port: SERVICE_PORT, path: '/orders' },
    ...(mode === 'outbox'
      ? [
          { name: STORE.outboxSent, container: C.writer, port: SERVICE_PORT, path: '/outbox/sent' },
          {
            name: STORE.outboxBacklog,
            container: C.writer,
            port: SERVICE_PORT,
            path: '/outbox/unsent',
            kind: 'gauge' as const,
            unit: 'rows',
          },
        ]
      : []),
    { name: STORE.effects, container: C.consumer, port: SERVICE_PORT, path: '/orders' },
  ];
}
