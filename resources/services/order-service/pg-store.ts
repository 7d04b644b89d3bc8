// The order service on a shared PostgreSQL database (STORE_MODE=postgres): a pg pool, the
// schema (created once, under an advisory lock, however many instances start together),
// and the orders table behind the same OrderStore interface as the embedded store.
// Connection settings come from libpq's variables: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
import pg from 'pg';
import type { Order, OrderStore } from './store';
import { inTx, readTx, DbError, type SqlClient, type SqlPool } from './pg-tx';

export interface PgSettings {
  poolMax: number;
  /** A connection attempt fails after this long (a dead database answers nothing). */
  connectTimeoutMs: number;
  /** A statement fails after this long (a killed database never closes its sockets). */
  queryTimeoutMs: number;
  node: string;
}

/** A non-negative integer from the environment, or its default. */
export function intEnv(env: NodeJS.ProcessEnv, name: string, dflt: number): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not "${v}"`);
  return n;
}

export function pgSettingsFromEnv(env: NodeJS.ProcessEnv, node: string): PgSettings {
  return {
    poolMax: intEnv(env, 'PG_POOL_MAX', 10),
    connectTimeoutMs: intEnv(env, 'PG_CONNECT_TIMEOUT_MS', 1000),
    queryTimeoutMs: intEnv(env, 'PG_QUERY_TIMEOUT_MS', 2000),
    node,
  };
}

export interface PgHandle {
  pool: SqlPool;
  close(): Promise<void>;
}

export function openPgPool(s: PgSettings, log: (line: string) => void): PgHandle {
  const pool = new pg.Pool({
    max: s.poolMax,
    connectionTimeoutMillis: s.connectTimeoutMs,
    query_timeout: s.queryTimeoutMs,
    idleTimeoutMillis: 5_000,
    application_name: s.node,
  });
  // A connection that breaks (the database was killed) must not crash the process: pg emits
  // 'error' on the client, idle (the pool's listener) or checked out (this one); the query
  // in flight, if any, is rejected as well and answered by the caller.
  pool.on('error', (e) => log(`postgres: idle connection lost (${e.message})`));
  pool.on('connect', (client) => client.on('error', (e) => log(`postgres: connection lost (${e.message})`)));
  return {
    pool: {
      async connect(): Promise<SqlClient> {
        const c = await pool.connect();
        return {
          query: async (sql, params) => {
            const r = await c.query(sql, params);
            return { rows: r.rows as Record<string, unknown>[], rowCount: r.rowCount };
          },
          release: (destroy) => c.release(destroy === true),
        };
      },
    },
    close: () => pool.end(),
  };
}

const SCHEMA_LOCK = 727_274_001;

export const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS orders (
     seq bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     user_id text,
     item text,
     created_at timestamptz NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS products (
     id text PRIMARY KEY,
     stock integer NOT NULL,
     version integer NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS sales (
     seq bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     product text NOT NULL REFERENCES products (id),
     node text NOT NULL,
     read_stock integer,
     wrote_stock integer,
     created_at timestamptz NOT NULL DEFAULT now())`,
];

/**
 * Creates the tables and the product with its initial stock if they do not exist yet. An
 * existing product keeps its stock: a restarted instance does not refill it.
 */
export async function ensureSchema(pool: SqlPool, product: string, initialStock: number): Promise<void> {
  await inTx(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const sql of SCHEMA) await c.query(sql);
    await c.query('INSERT INTO products (id, stock) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
      product,
      initialStock,
    ]);
    return { value: undefined, commit: true };
  });
}

/** Retries ensureSchema until it succeeds or `deadlineMs` passes (the database may still be starting). */
export async function ensureSchemaWithRetry(
  pool: SqlPool,
  product: string,
  initialStock: number,
  log: (line: string) => void,
  deadlineMs = 60_000,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await ensureSchema(pool, product, initialStock);
    } catch (e) {
      if (Date.now() > until) throw e;
      log(`postgres: schema not ready (${e instanceof Error ? e.message : String(e)}); retrying`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export function pgOrderStore(pool: SqlPool): OrderStore {
  return {
    async insert(o: Order) {
      try {
        await inTx(pool, async (c) => {
          await c.query('INSERT INTO orders (id, user_id, item, created_at) VALUES ($1, $2, $3, $4)', [
            o.id,
            o.user,
            o.item,
            o.createdAt,
          ]);
          return { value: undefined, commit: true };
        });
        return 'created';
      } catch (e) {
        if (e instanceof DbError && e.code === '23505') return 'duplicate';
        throw e;
      }
    },
    async list() {
      const rows = await readTx(
        pool,
        async (c) => (await c.query('SELECT id, user_id, item, created_at FROM orders ORDER BY seq')).rows,
      );
      return rows.map((r) => ({
        id: String(r.id),
        user: r.user_id === null ? null : String(r.user_id),
        item: r.item === null ? null : String(r.item),
        createdAt: r.created_at instanceof Date ? r.created_at.toISOString() : String(r.created_at),
      }));
    },
    async close() {
      // the pool is closed by its owner
    },
  };
}
