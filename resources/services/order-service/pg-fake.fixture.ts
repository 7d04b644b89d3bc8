// Test helper: a tiny in-memory stand-in for the statements stock.ts and pg-tx.ts send, run
// one at a time (no real concurrency; a test plays the other buyer in the think time).
import type { SqlClient, SqlPool, SqlResult } from './pg-tx';

export interface FakeDb {
  stock: number;
  version: number;
  sales: { id: string; read: number; wrote: number }[];
  /** Every statement, in order. */
  log: string[];
  released: { destroyed: boolean }[];
  /** Make the next statement matching `pattern` throw `error` (once). */
  failNext(pattern: RegExp, error: Error): void;
  failConnect?: Error;
}

export function fakeDb(stock: number): FakeDb & SqlPool {
  // A transaction's own writes, applied at COMMIT; reads see the committed rows plus these.
  let pending: { stock?: number; version?: number; sales: FakeDb['sales'] } | null = null;
  const faults: { pattern: RegExp; error: Error }[] = [];
  const db: FakeDb & SqlPool = {
    stock,
    version: 0,
    sales: [],
    log: [],
    released: [],
    failNext(pattern, error) {
      faults.push({ pattern, error });
    },
    async connect(): Promise<SqlClient> {
      if (db.failConnect) throw db.failConnect;
      const client: SqlClient = {
        async query(sql: string, params: unknown[] = []): Promise<SqlResult> {
          db.log.push(sql);
          const f = faults.findIndex((x) => x.pattern.test(sql));
          if (f >= 0) throw faults.splice(f, 1)[0].error;
          const cur = {
            stock: pending?.stock ?? db.stock,
            version: pending?.version ?? db.version,
            sales: [...db.sales, ...(pending?.sales ?? [])],
          };
          const tx = pending ?? { sales: [] };
          if (/^BEGIN/.test(sql)) {
            pending = { sales: [] };
            return { rows: [], rowCount: null };
          }
          if (sql === 'COMMIT') {
            if (pending) {
              if (pending.stock !== undefined) db.stock = pending.stock;
              if (pending.version !== undefined) db.version = pending.version;
              db.sales.push(...pending.sales);
            }
            pending = null;
            return { rows: [], rowCount: null };
          }
          if (sql === 'ROLLBACK') {
            pending = null;
            return { rows: [], rowCount: null };
          }
          if (/^SELECT stock, version FROM products/.test(sql))
            return { rows: [{ stock: cur.stock, version: cur.version }], rowCount: 1 };
          if (/^SELECT id FROM sales/.test(sql))
            return { rows: cur.sales.map((s) => ({ id: s.id })), rowCount: cur.sales.length };
          if (/^UPDATE products SET stock = \$2 WHERE id = \$1$/.test(sql)) {
            tx.stock = Number(params[1]);
            return { rows: [], rowCount: 1 };
          }
          if (
            /^UPDATE products SET stock = \$2, version = version \+ 1 WHERE id = \$1 AND version = \$3/.test(
              sql,
            )
          ) {
            if (cur.version !== Number(params[2])) return { rows: [], rowCount: 0 };
            tx.stock = Number(params[1]);
            tx.version = cur.version + 1;
            return { rows: [], rowCount: 1 };
          }
          if (/^INSERT INTO sales/.test(sql)) {
            const id = String(params[0]);
            if (cur.sales.some((s) => s.id === id)) {
              throw Object.assign(new Error('duplicate key value violates unique constraint'), {
                code: '23505',
                severity: 'ERROR',
              });
            }
            tx.sales.push({ id, read: Number(params[3]), wrote: Number(params[4]) });
            return { rows: [], rowCount: 1 };
          }
          throw new Error(`fake db: unexpected statement ${sql}`);
        },
        release(destroy?: boolean) {
          db.released.push({ destroyed: destroy === true });
        },
      };
      return client;
    },
  };
  return db;
}

/** Another buyer's sale committed directly (as if it happened during our think time). */
export function sellElsewhere(db: FakeDb, id: string, optimistic: boolean): void {
  db.sales.push({ id, read: db.stock, wrote: db.stock - 1 });
  db.stock -= 1;
  if (optimistic) db.version += 1;
}
