// The outbox service's configuration, read once from the environment. One program, three
// roles: ROLE=writer | relay | consumer.
//   PORT (8080)               HTTP: /health, /points/*, the role's endpoints
//   NODE_NAME                 name in logs and replies (default: the role)
//   PG_HOST, PG_PORT, PG_USER, PG_PASSWORD  the PostgreSQL server (db:5432, lab/lab)
//   PG_DATABASE               the writer's (and relay's) database (default lab)
//   CONSUMER_DATABASE         the consumer's own database, created if absent (default consumer)
//   KAFKA_BROKERS             comma-separated host:port (default kafka:9092)
//   TOPIC                     the events' topic (default orders)
//   PARTITIONS                partitions of the topic when this service creates it (default 1)
//   MODE                      writer only: dual-write | outbox
//   POLL_MS, BATCH_SIZE       relay only: polling interval (200) and rows per poll (10)
//   IDEMPOTENT                consumer only: true (dedupe by event id) | false (apply blindly)
//   GROUP_ID                  consumer only: its consumer group (default order-consumer)

import type { PgConfig } from '../lib/pg-db';
import { bool, brokersOf, ident, int, oneOf, pgOf, type Env } from '../lib/env-config';

export type Role = 'writer' | 'relay' | 'consumer';
export type WriterMode = 'dual-write' | 'outbox';

export type { PgConfig };

export interface Config {
  role: Role;
  node: string;
  port: number;
  pg: PgConfig;
  consumerDatabase: string;
  brokers: string[];
  topic: string;
  partitions: number;
  mode: WriterMode;
  pollMs: number;
  batchSize: number;
  idempotent: boolean;
  groupId: string;
}

export function readConfig(env: Env): Config {
  const role = oneOf(env, 'ROLE', ['writer', 'relay', 'consumer'] as const, 'writer');
  const consumerDatabase = ident(env, 'CONSUMER_DATABASE', 'consumer');
  const brokers = brokersOf(env, 'kafka:9092');
  return {
    role,
    node: env.NODE_NAME || role,
    port: int(env, 'PORT', 8080, 1, 65535),
    pg: pgOf(env),
    consumerDatabase,
    brokers,
    topic: env.TOPIC || 'orders',
    partitions: int(env, 'PARTITIONS', 1, 1, 64),
    mode: oneOf(env, 'MODE', ['dual-write', 'outbox'] as const, 'dual-write'),
    pollMs: int(env, 'POLL_MS', 200, 1, 60_000),
    batchSize: int(env, 'BATCH_SIZE', 10, 1, 1000),
    idempotent: bool(env, 'IDEMPOTENT', true),
    groupId: env.GROUP_ID || 'order-consumer',
  };
}
