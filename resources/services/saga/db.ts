// Each saga service owns one database on the shared PostgreSQL server (a database per
// service: no service can join another's tables). The database is created at the first
// start; the schema is created if missing. libpq's PGHOST/PGUSER/PGPASSWORD apply.
import pg from 'pg';

export interface Sql {
  query<T extends Record<string, unknown> = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: T[]; rowCount: number }>;
}

export interface Db extends Sql {
  /** Runs `fn` in one transaction (READ COMMITTED); rolls back if it throws. */
  tx<T>(fn: (c: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Log = (line: string) => void;

function sqlOf(c: pg.Pool | pg.PoolClient): Sql {
  return {
    async query<T extends Record<string, unknown>>(text: string, params?: unknown[]) {
      const r = await c.query(text, params);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
  };
}

export function openDb(database: string, node: string, log: Log): Db {
  const pool = new pg.Pool({
    database,
    max: 10,
    connectionTimeoutMillis: 2000,
    query_timeout: 5000,
    idleTimeoutMillis: 10_000,
    application_name: node,
  });
  pool.on('error', (e) => log(`postgres: idle connection lost (${e.message})`));
  const plain = sqlOf(pool);
  return {
    query: plain.query,
    async tx<T>(fn: (c: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const v = await fn(sqlOf(client));
        await client.query('COMMIT');
        return v;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates `database` if it does not exist, connecting to `admin`; retries while the server starts. */
export async function ensureDatabase(
  admin: string,
  database: string,
  log: Log,
  deadlineMs = 60_000,
): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ database: admin, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (r.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
      return;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === '42P04') return; // created by a concurrent start
      if (Date.now() > until) throw e;
      log(`database ${database} not ready (attempt ${attempt}): ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 1000)));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Runs the schema statements in one transaction under an advisory lock. */
export async function ensureSchema(db: Db, statements: readonly string[]): Promise<void> {
  await db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock(727274003)');
    for (const s of statements) await c.query(s);
  });
}
