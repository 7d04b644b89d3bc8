// The order service's embedded store: SQLite inside the process. "memory" lives in the
// process (lost when it dies); "file" lives in the container's file system (survives a
// container restart). sqlite3 is Debian's node-sqlite3, resolved at run time.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Order {
  id: string;
  user: string | null;
  item: string | null;
  createdAt: string;
}

export type InsertResult = 'created' | 'duplicate';

export interface OrderStore {
  insert(order: Order): Promise<InsertResult>;
  /** Every order, in insertion order. */
  list(): Promise<Order[]>;
  close(): Promise<void>;
}

export type StoreMode = 'memory' | 'file';

export const DEFAULT_DB_FILE = '/data/orders.db';

export function parseStoreMode(v: string | undefined): StoreMode {
  if (v === undefined || v === '' || v === 'memory') return 'memory';
  if (v === 'file') return 'file';
  throw new Error(`STORE_MODE must be memory or file, not "${v}"`);
}

// The small part of node-sqlite3's callback API used here.
interface SqliteDatabase {
  run(sql: string, params: unknown[], cb: (err: (Error & { code?: string }) | null) => void): void;
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  close(cb: (err: Error | null) => void): void;
}
interface SqliteModule {
  Database: new (filename: string, cb: (err: Error | null) => void) => SqliteDatabase;
}

function loadSqlite(): SqliteModule {
  const require = createRequire(import.meta.url);
  // Debian's node finds /usr/share/nodejs and /usr/lib/<arch>/nodejs by itself; the
  // explicit paths cover a node started with a different prefix.
  const candidates = ['sqlite3', '/usr/lib/nodejs/sqlite3', '/usr/share/nodejs/sqlite3'];
  const arch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  candidates.push(`/usr/lib/${arch}/nodejs/sqlite3`);
  let last: unknown;
  for (const c of candidates) {
    try {
      return require(c) as SqliteModule;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`cannot load sqlite3 (install Debian's node-sqlite3): ${String(last)}`);
}

function run(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (err) => (err ? reject(err) : resolve())));
}

function all(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows))),
  );
}

export async function openSqliteStore(mode: StoreMode, file = DEFAULT_DB_FILE): Promise<OrderStore> {
  const sqlite = loadSqlite();
  const filename = mode === 'memory' ? ':memory:' : file;
  if (mode === 'file') mkdirSync(dirname(file), { recursive: true });
  const db = await new Promise<SqliteDatabase>((resolve, reject) => {
    const d = new sqlite.Database(filename, (err) => (err ? reject(err) : resolve(d)));
  });
  // seq keeps insertion order; synchronous FULL makes an acknowledged write durable.
  await run(db, 'PRAGMA synchronous = FULL');
  await run(
    db,
    `CREATE TABLE IF NOT EXISTS orders (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       id TEXT NOT NULL UNIQUE,
       user TEXT,
       item TEXT,
       created_at TEXT NOT NULL)`,
  );
  return {
    async insert(o) {
      try {
        await run(db, 'INSERT INTO orders (id, user, item, created_at) VALUES (?, ?, ?, ?)', [
          o.id,
          o.user,
          o.item,
          o.createdAt,
        ]);
        return 'created';
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT') return 'duplicate';
        throw e;
      }
    },
    async list() {
      const rows = (await all(db, 'SELECT id, user, item, created_at FROM orders ORDER BY seq')) as {
        id: string;
        user: string | null;
        item: string | null;
        created_at: string;
      }[];
      return rows.map((r) => ({ id: r.id, user: r.user, item: r.item, createdAt: r.created_at }));
    },
    close() {
      return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/** A store with the same behaviour, in a Map: for tests of the HTTP layer. */
export function createMapStore(): OrderStore {
  const orders = new Map<string, Order>();
  return {
    async insert(o) {
      if (orders.has(o.id)) return 'duplicate';
      orders.set(o.id, o);
      return 'created';
    },
    async list() {
      return [...orders.values()];
    },
    async close() {
      orders.clear();
    },
  };
}
