// The configuration of the lab's DLQ service, read once from the environment. One program,
// three roles, chosen by ROLE:
//   orders     the order API: POST /orders, with or without an Idempotency-Key header
//   payments   a payment-like consumer of the orders topic: retries with backoff, then the DLQ
//   cdc-admin  registers a Debezium connector with Kafka Connect and watches its slot
// Common: PORT (8080), NODE_NAME (default: the role), PG_HOST/PG_PORT/PG_USER/PG_PASSWORD
// (db:5432, lab/lab), PG_DATABASE (lab), KAFKA_BROKERS (kafka:9092), TOPIC (orders).
// orders:    PARTITIONS (3) of the topic when this service creates it.
// payments:  PAYMENTS_DATABASE (payments, created if absent), DLQ_TOPIC (orders.dlq),
//            MAX_ATTEMPTS (4), BACKOFF_MS (100, doubled after each failed try, at most
//            BACKOFF_MAX_MS 2000), GROUP_ID (payments).
// cdc-admin: CONNECT_URL (http://connect:8083), CONNECTOR_NAME (outbox), CONNECTOR_CONFIG
//            (the connector's JSON config), SLOT_NAME (outbox_slot), HEARTBEAT_TABLE
//            (cdc_heartbeat, created before the connector is registered), SAMPLE_MS (250).

import type { PgConfig } from '../lib/pg-db';
import { brokersOf, ident, int, pgOf, type Env } from '../lib/env-config';

export type Role = 'orders' | 'payments' | 'cdc-admin';

export type { PgConfig };

export interface Config {
  role: Role;
  node: string;
  port: number;
  pg: PgConfig;
  brokers: string[];
  topic: string;
  partitions: number;
  paymentsDatabase: string;
  dlqTopic: string;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
  groupId: string;
  connectUrl: string;
  connectorName: string;
  connectorConfig: Record<string, string> | null;
  slotName: string;
  heartbeatTable: string;
  sampleMs: number;
}

function connectorConfig(raw: string | undefined): Record<string, string> | null {
  if (!raw) return null;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw new Error('CONNECTOR_CONFIG is not JSON');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error('CONNECTOR_CONFIG must be a JSON object of strings');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') throw new Error(`CONNECTOR_CONFIG.${k} must be a string`);
    out[k] = x;
  }
  return out;
}

export function readConfig(env: Env): Config {
  const roles: Role[] = ['orders', 'payments', 'cdc-admin'];
  const role = (env.ROLE || 'orders') as Role;
  if (!roles.includes(role)) throw new Error(`ROLE must be one of ${roles.join(' | ')}, not "${env.ROLE}"`);
  const brokers = brokersOf(env, 'kafka:9092');
  const c: Config = {
    role,
    node: env.NODE_NAME || role,
    port: int(env, 'PORT', 8080, 1, 65535),
    pg: pgOf(env),
    brokers,
    topic: env.TOPIC || 'orders',
    partitions: int(env, 'PARTITIONS', 3, 1, 64),
    paymentsDatabase: ident(env, 'PAYMENTS_DATABASE', 'payments'),
    dlqTopic: env.DLQ_TOPIC || 'orders.dlq',
    maxAttempts: int(env, 'MAX_ATTEMPTS', 4, 1, 20),
    backoffMs: int(env, 'BACKOFF_MS', 100, 0, 60_000),
    backoffMaxMs: int(env, 'BACKOFF_MAX_MS', 2000, 0, 300_000),
    groupId: env.GROUP_ID || 'payments',
    connectUrl: (env.CONNECT_URL || 'http://connect:8083').replace(/\/+$/, ''),
    connectorName: env.CONNECTOR_NAME || 'outbox',
    connectorConfig: connectorConfig(env.CONNECTOR_CONFIG),
    slotName: ident(env, 'SLOT_NAME', 'outbox_slot'),
    heartbeatTable: ident(env, 'HEARTBEAT_TABLE', 'cdc_heartbeat'),
    sampleMs: int(env, 'SAMPLE_MS', 250, 20, 60_000),
  };
  if (c.role === 'cdc-admin' && !c.connectorConfig) throw new Error('cdc-admin needs CONNECTOR_CONFIG');
  return c;
}
