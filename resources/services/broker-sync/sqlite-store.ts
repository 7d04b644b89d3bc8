// The sync role's own store, SQLite in a file inside the container (it survives a kill and
// restart of the container, so a redelivered event meets what was applied before the kill).
//   orders   the instance's state: one row per order (the local write, or the first event)
//   effects  one row per application of an event: the side effect of applying it (think
//            "loyalty points granted"). Idempotent consumers insert it only when absent;
//            a naive consumer inserts it blindly, so a redelivered event is counted twice.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventPosition, NewOrder, OrderCreated } from './events';

export interface OrderRow extends NewOrder {
  origin: string;
}

export interface EffectRow {
  id: string;
  user: string | null;
  origin: string;
  partition: number;
  offset: string;
}

export interface SyncStore {
  /** The local write of an order taken by this instance. */
  insertLocal(o: OrderRow): Promise<'created' | 'duplicate'>;
  /** Applies an event: the order if absent, and its effect (only once when idempotent). */
  apply(ev: OrderCreated, at: EventPosition, idempotent: boolean): Promise<{ effect: boolean }>;
  orders(): Promise<OrderRow[]>;
  get(id: string): Promise<OrderRow | null>;
  effects(): Promise<EffectRow[]>;
  close(): Promise<void>;
}

interface SqliteDatabase {
  run(
    sql: string,
    params: unknown[],
    cb: (this: { changes: number }, err: (Error & { code?: string }) | null) => void,
  ): void;
  all(sql: string, params: unknown[], cb: (err: Error | null, rows: unknown[]) => void): void;
  close(cb: (err: Error | null) => void): void;
}
interface SqliteModule {
  Database: new (filename: string, cb: (err: Error | null) => void) => SqliteDatabase;
}

/** Debian's node-sqlite3 (installed in the image), found where Debian's node looks. */
function loadSqlite(): SqliteModule {
  const require = createRequire(import.meta.url);
  const arch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  let last: unknown;
  for (const c of [
    'sqlite3',
    '/usr/lib/nodejs/sqlite3',
    '/usr/share/nodejs/sqlite3',
    `/usr/lib/${arch}/nodejs/sqlite3`,
  ]) {
    try {
      return require(c) as SqliteModule;
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`cannot load sqlite3 (Debian's node-sqlite3): ${String(last)}`);
}

/** Runs one statement; resolves with the number of rows it changed. */
function run(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<number> {
  return new Promise((resolve, reject) =>
    db.run(sql, params, function (err) {
      if (err) reject(err);
      else resolve(this.changes);
    }),
  );
}

function all<T>(db: SqliteDatabase, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) =>
    db.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows as T[]))),
  );
}

/** One connection, one transaction at a time: writes queue behind each other. */
function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => undefined);
    return next;
  };
}

export async function openSyncStore(file: string): Promise<SyncStore> {
  const sqlite = loadSqlite();
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = await new Promise<SqliteDatabase>((resolve, reject) => {
    const d = new sqlite.Database(file, (err) => (err ? reject(err) : resolve(d)));
  });
  // FULL: what was applied is on disk before the offset is committed.
  await run(db, 'PRAGMA synchronous = FULL');
  await run(db, 'PRAGMA journal_mode = WAL');
  await run(
    db,
    `CREATE TABLE IF NOT EXISTS orders (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
       user TEXT, item TEXT, origin TEXT NOT NULL, stored_at TEXT NOT NULL)`,
  );
  await run(
    db,
    `CREATE TABLE IF NOT EXISTS effects (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL,
       user TEXT, origin TEXT NOT NULL, partition INTEGER NOT NULL, kafka_offset TEXT NOT NULL, applied_at TEXT NOT NULL)`,
  );
  await run(db, 'CREATE INDEX IF NOT EXISTS effects_id ON effects (id)');
  const inTx = serial();
  const insertOrder = `INSERT OR IGNORE INTO orders (id, user, item, origin, stored_at) VALUES (?, ?, ?, ?, ?)`;
  const now = () => new Date().toISOString();
  return {
    insertLocal(o) {
      return inTx(async () => {
        const n = await run(db, insertOrder, [o.id, o.user, o.item, o.origin, now()]);
        return n === 1 ? 'created' : 'duplicate';
      });
    },
    apply(ev, at, idempotent) {
      return inTx(async () => {
        await run(db, 'BEGIN IMMEDIATE');
        try {
          await run(db, insertOrder, [ev.id, ev.user, ev.item, ev.origin, now()]);
          const effect = [ev.id, ev.user, ev.origin, at.partition, at.offset, now()];
          const n = idempotent
            ? await run(
                db,
                `INSERT INTO effects (id, user, origin, partition, kafka_offset, applied_at)
                 SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM effects WHERE id = ?)`,
                [...effect, ev.id],
              )
            : await run(
                db,
                'INSERT INTO effects (id, user, origin, partition, kafka_offset, applied_at) VALUES (?, ?, ?, ?, ?, ?)',
                effect,
              );
          await run(db, 'COMMIT');
          return { effect: n === 1 };
        } catch (e) {
          await run(db, 'ROLLBACK').catch(() => undefined);
          throw e;
        }
      });
    },
    // Reads queue too: on this one connection they would otherwise see an open transaction.
    orders() {
      return inTx(() => all<OrderRow>(db, 'SELECT id, user, item, origin FROM orders ORDER BY seq'));
    },
    async get(id) {
      const rows = await inTx(() =>
        all<OrderRow>(db, 'SELECT id, user, item, origin FROM orders WHERE id = ?', [id]),
      );
      return rows[0] ?? null;
    },
    async effects() {
      const rows = await inTx(() =>
        all<{ id: string; user: string | null; origin: string; partition: number; kafka_offset: string }>(
          db,
          'SELECT id, user, origin, partition, kafka_offset FROM effects ORDER BY seq',
        ),
      );
      return rows.map((r) => ({
        id: r.id,
        user: r.user,
        origin: r.origin,
        partition: r.partition,
        offset: r.kafka_offset,
      }));
    },
    close() {
      return new Promise((resolve, reject) => db.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
