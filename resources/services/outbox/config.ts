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

export type Role = 'writer' | 'relay' | 'consumer';
export type WriterMode = 'dual-write' | 'outbox';

export interface PgConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

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

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], dflt: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!(values as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${values.join(' | ')}, not "${raw}"`);
  return raw as T;
}

function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (['true', '1', 'on'].includes(raw)) return true;
  if (['false', '0', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, not "${raw}"`);
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function readConfig(env: Env): Config {
  const role = oneOf(env, 'ROLE', ['writer', 'relay', 'consumer'] as const, 'writer');
  const consumerDatabase = env.CONSUMER_DATABASE || 'consumer';
  if (!IDENT.test(consumerDatabase))
    throw new Error(`CONSUMER_DATABASE must be a lower-case SQL identifier, not "${consumerDatabase}"`);
  const brokers = (env.KAFKA_BROKERS || 'kafka:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (!brokers.length) throw new Error('KAFKA_BROKERS names no broker');
  return {
    role,
    node: env.NODE_NAME || role,
    port: int(env, 'PORT', 8080, 1, 65535),
    pg: {
      host: env.PG_HOST || 'db',
      port: int(env, 'PG_PORT', 5432, 1, 65535),
      user: env.PG_USER || 'lab',
      password: env.PG_PASSWORD || 'lab',
      database: env.PG_DATABASE || 'lab',
    },
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
