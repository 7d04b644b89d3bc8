// Reading a service's settings from its environment: each reader takes the variable's name,
// a default for when it is unset or empty, and throws a message naming the variable and what
// it must be. Shared by the outbox, dlq and sync services' config.ts.
import type { PgConfig } from './pg-db';

export type Env = Record<string, string | undefined>;

export function int(env: Env, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  return n;
}

export function oneOf<T extends string>(env: Env, name: string, values: readonly T[], dflt: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!(values as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${values.join(' | ')}, not "${raw}"`);
  return raw as T;
}

export function bool(env: Env, name: string, dflt: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (['true', '1', 'on'].includes(raw)) return true;
  if (['false', '0', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, not "${raw}"`);
}

const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

/** A lower-case SQL identifier (a database, slot or table name). */
export function ident(env: Env, name: string, dflt: string): string {
  const v = env[name] || dflt;
  if (!IDENT.test(v)) throw new Error(`${name} must be a lower-case SQL identifier, not "${v}"`);
  return v;
}

/** A comma-separated list, trimmed, empty items dropped. */
export function list(raw: string | undefined, dflt: string): string[] {
  return (raw || dflt)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** KAFKA_BROKERS: at least one host:port. */
export function brokersOf(env: Env, dflt: string): string[] {
  const brokers = list(env.KAFKA_BROKERS, dflt);
  if (!brokers.length) throw new Error('KAFKA_BROKERS names no broker');
  return brokers;
}

/** PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DATABASE (db:5432, lab/lab, lab). */
export function pgOf(env: Env): PgConfig {
  return {
    host: env.PG_HOST || 'db',
    port: int(env, 'PG_PORT', 5432, 1, 65535),
    user: env.PG_USER || 'lab',
    password: env.PG_PASSWORD || 'lab',
    database: env.PG_DATABASE || 'lab',
  };
}
