// The sync service's configuration, read from the environment. One image, three roles:
//   sync    (broker-sync) its own SQLite store; POST stores locally, then publishes
//           OrderCreated; consumes every event with its own consumer group and applies it
//   front   (queue-single-writer) POST publishes only; reads come from PostgreSQL
//   writer  (queue-single-writer) the one consumer that writes events into PostgreSQL
// Env: ROLE, NODE_NAME, PORT, KAFKA_BROKERS (kafka-1:9092,...), TOPIC, PARTITIONS,
// BROKER_IDS (1,2,3: replica assignment), ACKS (1|all), PARTITION_KEY (user|none),
// IDEMPOTENT (true|false), GROUP_ID, CONSUMER_BATCH_MS, PUBLISH_TIMEOUT_MS, DB_FILE,
// PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.

import { int, list, oneOf, type Env } from '../lib/env-config';

export type Role = 'sync' | 'front' | 'writer';

export interface PgConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface ServiceConfig {
  role: Role;
  node: string;
  port: number;
  brokers: string[];
  /** Node ids of the brokers, in the order replicas are assigned. */
  brokerIds: number[];
  topic: string;
  partitions: number;
  /** Producer acks: 1 (leader only) or -1 (all in-sync replicas). */
  acks: 1 | -1;
  partitionKey: 'user' | 'none';
  idempotent: boolean;
  groupId: string;
  /** 0: fetch as soon as anything arrives; N: the broker holds a fetch up to N ms to batch. */
  consumerBatchMs: number;
  publishTimeoutMs: number;
  dbFile: string;
  pg: PgConfig;
}

export function parseConfig(env: Env): ServiceConfig {
  const role = oneOf(env, 'ROLE', ['sync', 'front', 'writer'] as const, 'sync');
  const node = env.NODE_NAME || role;
  const brokers = list(env.KAFKA_BROKERS, 'kafka-1:9092');
  const brokerIds = list(env.BROKER_IDS, brokers.map((_, i) => String(i + 1)).join(',')).map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new Error(`BROKER_IDS must list node ids, not "${s}"`);
    return n;
  });
  const acks = oneOf(env, 'ACKS', ['1', 'all', '-1'] as const, 'all');
  return {
    role,
    node,
    port: int(env, 'PORT', 8080, 1, 65535),
    brokers,
    brokerIds,
    topic: env.TOPIC || 'orders',
    partitions: int(env, 'PARTITIONS', 1, 1, 64),
    acks: acks === '1' ? 1 : -1,
    partitionKey: oneOf(env, 'PARTITION_KEY', ['user', 'none'] as const, 'user'),
    idempotent: oneOf(env, 'IDEMPOTENT', ['true', 'false'] as const, 'true') === 'true',
    groupId: env.GROUP_ID || `${role}-${node}`,
    consumerBatchMs: int(env, 'CONSUMER_BATCH_MS', 0, 0, 5000),
    publishTimeoutMs: int(env, 'PUBLISH_TIMEOUT_MS', 40_000, 100, 300_000),
    dbFile: env.DB_FILE || '/data/sync.db',
    pg: {
      host: env.PGHOST || 'postgres',
      port: int(env, 'PGPORT', 5432, 1, 65535),
      user: env.PGUSER || 'lab',
      password: env.PGPASSWORD || 'lab',
      database: env.PGDATABASE || 'lab',
    },
  };
}
