// PostgreSQL access shared by the services: a pool that waits for the server, transactions,
// a database created when absent, and the unique-violation test.
import pg from 'pg';

export interface PgConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export type Pool = pg.Pool;
export type Tx = pg.PoolClient;

import { retryDelayMs } from './start-with-retry';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A pool whose first query has succeeded (retries for up to `waitMs`). */
export async function openPool(cfg: PgConfig, log: (l: string) => void, waitMs = 60_000): Promise<Pool> {
  const pool = new pg.Pool({ ...cfg, max: 5, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30_000 });
  pool.on('error', (e) => log(`pg pool: ${e.message}`)); // an idle client lost: the pool replaces it
  const deadline = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('SELECT 1');
      return pool;
    } catch (e) {
      if (Date.now() > deadline) {
        await pool.end().catch(() => undefined);
        throw e;
      }
      log(`waiting for PostgreSQL at ${cfg.host}:${cfg.port}: ${e instanceof Error ? e.message : String(e)}`);
      await sleep(retryDelayMs(attempt)); // started with the database: notice it within 500 ms
    }
  }
}

export async function withTx<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const r = await fn(tx);
    await tx.query('COMMIT');
    return r;
  } catch (e) {
    await tx.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    tx.release();
  }
}

/** Creates database `name` on the server of `cfg` unless it exists. */
export async function ensureDatabase(cfg: PgConfig, name: string, log: (l: string) => void): Promise<void> {
  const admin = await openPool(cfg, log);
  try {
    const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount) return;
    try {
      await admin.query(`CREATE DATABASE "${name}"`); // name is checked as an identifier by readConfig
      log(`created database ${name}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42P04') throw e; // created meanwhile by someone else
    }
  } finally {
    await admin.end();
  }
}

export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === '23505';
}
