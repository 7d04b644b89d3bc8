// The containers of outbox-cdc: the outbox scenarios' PostgreSQL, Kafka, writer (outbox mode)
// and consumer (from shared-outbox, without the polling relay), plus Kafka Connect with
// Debezium and the cdc-admin container that registers the connector and watches its slot.
import type { ContainerSpec, StoreSpec } from '../../main/engine/scenario';
import type { TopologyLink } from '../../main/engine/events';
import { outboxContainers } from '../shared-outbox/topology';
import { C, SERVICE_PORT, STORE } from '../shared-outbox/names';
import { connectorConfig } from './connector';

export const CONNECT = 'connect';
export const CDC_ADMIN = 'cdc-admin';
export const SLOT = 'outbox_slot';
export const HEARTBEAT_TABLE = 'cdc_heartbeat';

/**
 * The gauge of the slot: the WAL it holds back, one id per KiB (cdc-admin's /slot/retained).
 * cdc-admin also serves /slot/unconfirmed (WAL the connector has not confirmed); it is not
 * sampled, to keep the charts to what the claim needs.
 */
export const WAL_STORE = { retained: 'slot-wal-retained-kib' } as const;

export interface CdcTopology {
  idempotent: boolean;
  offsetFlushMs: number;
  heartbeatMs: number;
}

export function cdcContainers(t: CdcTopology): ContainerSpec[] {
  const base = outboxContainers({ mode: 'outbox', idempotent: t.idempotent }).filter(
    (c) => c.name !== C.relay,
  );
  const config = connectorConfig({
    db: { host: C.db, user: 'lab', password: 'lab', database: 'lab' },
    slot: SLOT,
    publication: 'outbox_pub',
    heartbeatTable: HEARTBEAT_TABLE,
    heartbeatMs: t.heartbeatMs,
    topic: 'orders',
  });
  return [
    ...base,
    {
      name: CONNECT,
      role: 'cdc',
      image: 'connect',
      env: {
        BOOTSTRAP_SERVERS: `${C.kafka}:9092`,
        ADVERTISED_HOST: CONNECT,
        // How often the worker commits the connector's offsets (and so confirms WAL to the
        // slot): after a kill, what was sent since the last commit is sent again.
        OFFSET_FLUSH_INTERVAL_MS: String(t.offsetFlushMs),
      },
      ports: [8083],
      wait: { kind: 'exec', cmd: ['connect-ready'], timeoutMs: 120_000 },
      // The worker's JVM and plugin scan overlap Kafka's start; it waits for the cluster itself
      // (its admin client's timeout, 60 s).
      after: [C.kafka],
    },
    {
      name: CDC_ADMIN,
      role: 'cdc-admin',
      image: 'dlq-service',
      env: {
        ROLE: 'cdc-admin',
        NODE_NAME: CDC_ADMIN,
        PORT: String(SERVICE_PORT),
        PG_HOST: C.db,
        CONNECT_URL: `http://${CONNECT}:8083`,
        CONNECTOR_NAME: 'outbox',
        CONNECTOR_CONFIG: JSON.stringify(config),
        SLOT_NAME: SLOT,
        HEARTBEAT_TABLE: HEARTBEAT_TABLE,
      },
      ports: [SERVICE_PORT],
      controlPort: SERVICE_PORT,
      wait: { kind: 'http', port: SERVICE_PORT, path: '/health', timeoutMs: 150_000 },
      // It waits on its own for the outbox table (the writer creates it), for Connect and for the
      // slot (cdc-admin.ts: until), so it starts with them.
      after: [C.db, CONNECT, C.writer],
    },
  ];
}

export function cdcLinks(): TopologyLink[] {
  return [
    { from: C.writer, to: C.db, label: 'order + outbox row, one COMMIT' },
    { from: CONNECT, to: C.db, label: 'reads the WAL (pgoutput, slot)' },
    { from: CONNECT, to: C.kafka, label: 'publishes OrderCreated (outbox router)' },
    { from: C.kafka, to: C.consumer, label: 'consume (group)' },
    { from: C.consumer, to: C.db, label: 'apply (own database)' },
    { from: CDC_ADMIN, to: CONNECT, label: 'registers the connector' },
    { from: CDC_ADMIN, to: C.db, label: 'watches the slot' },
  ];
}

export function cdcStores(): StoreSpec[] {
  return [
    { name: STORE.orders, container: C.writer, port: SERVICE_PORT, path: '/orders' },
    { name: STORE.effects, container: C.consumer, port: SERVICE_PORT, path: '/orders' },
    {
      name: WAL_STORE.retained,
      container: CDC_ADMIN,
      port: SERVICE_PORT,
      path: '/slot/retained',
      kind: 'gauge',
      unit: 'KiB',
    },
  ];
}
