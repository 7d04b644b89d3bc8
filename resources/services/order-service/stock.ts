// A hot product's stock in the shared PostgreSQL database, sold one unit per request in one
// of three ways:
//   naive       read the stock, think, write read-1 and a sale row (READ COMMITTED): two
//               buyers who read the same value both sell, and one decrement is lost.
//   lock        the same, but the read is SELECT ... FOR UPDATE: buyers queue on the row.
//   optimistic  read stock and version, think, UPDATE ... WHERE version = v; 0 rows means
//               someone else won: read again (at most `retries` more times, then give up).
import { inTx, readTx, DbError, isServerError, type SqlClient, type SqlPool } from './pg-tx';

export type Concurrency = 'naive' | 'lock' | 'optimistic';

export function parseConcurrency(v: string | undefined): Concurrency {
  if (v === undefined || v === '' || v === 'naive') return 'naive';
  if (v === 'lock' || v === 'optimistic') return v;
  throw new Error(`CONCURRENCY must be naive, lock or optimistic, not "${v}"`);
}

export interface StockOptions {
  product: string;
  mode: Concurrency;
  /** Time between reading the stock and writing it back (the race window). */
  thinkMs: number;
  /** Optimistic mode: further attempts after a version conflict before giving up. */
  retries: number;
  /** Recorded in each sale row: which instance sold it. */
  node: string;
  sleep?(ms: number): Promise<void>;
}

export type BuyResult =
  | { kind: 'sold'; id: string; read: number; wrote: number; attempts: number }
  | { kind: 'sold-out'; read: number; attempts: number }
  | { kind: 'gave-up'; attempts: number }
  | { kind: 'duplicate' };

export interface StockView {
  product: string;
  stock: number;
  version: number;
  /** Sale rows in the database, and their ids in the order they were written. */
  sold: number;
  ids: string[];
}

export interface StockStore {
  buy(id: string): Promise<BuyResult>;
  view(): Promise<StockView>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Row {
  stock: number;
  version: number;
}

async function readRow(c: SqlClient, product: string, forUpdate: boolean): Promise<Row> {
  const r = await c.query(
    `SELECT stock, version FROM products WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [product],
  );
  const row = r.rows[0];
  if (!row) throw new DbError(`no product '${product}'`, true);
  return { stock: Number(row.stock), version: Number(row.version) };
}

async function insertSale(
  c: SqlClient,
  id: string,
  o: StockOptions,
  read: number,
  wrote: number,
): Promise<void> {
  await c.query(
    'INSERT INTO sales (id, product, node, read_stock, wrote_stock) VALUES ($1, $2, $3, $4, $5)',
    [id, o.product, o.node, read, wrote],
  );
}

const UNIQUE_VIOLATION = '23505';

export function createStockStore(pool: SqlPool, o: StockOptions): StockStore {
  const sleep = o.sleep ?? realSleep;

  /** naive and lock: one transaction, read -> think -> write read-1 and a sale row. */
  async function readModifyWrite(id: string, forUpdate: boolean): Promise<BuyResult> {
    return inTx(pool, async (c) => {
      const row = await readRow(c, o.product, forUpdate);
      if (row.stock < 1)
        return { value: { kind: 'sold-out', read: row.stock, attempts: 1 } as BuyResult, commit: false };
      if (o.thinkMs > 0) await sleep(o.thinkMs);
      const wrote = row.stock - 1;
      await c.query('UPDATE products SET stock = $2 WHERE id = $1', [o.product, wrote]);
      await insertSale(c, id, o, row.stock, wrote);
      return { value: { kind: 'sold', id, read: row.stock, wrote, attempts: 1 }, commit: true };
    });
  }

  async function optimistic(id: string): Promise<BuyResult> {
    for (let attempt = 1; attempt <= o.retries + 1; attempt++) {
      const row = await readTx(pool, (c) => readRow(c, o.product, false));
      if (row.stock < 1) return { kind: 'sold-out', read: row.stock, attempts: attempt };
      if (o.thinkMs > 0) await sleep(o.thinkMs);
      const wrote = row.stock - 1;
      const won = await inTx(pool, async (c) => {
        const u = await c.query(
          'UPDATE products SET stock = $2, version = version + 1 WHERE id = $1 AND version = $3',
          [o.product, wrote, row.version],
        );
        if (!u.rowCount) return { value: false, commit: false };
        await insertSale(c, id, o, row.stock, wrote);
        return { value: true, commit: true };
      });
      if (won) return { kind: 'sold', id, read: row.stock, wrote, attempts: attempt };
    }
    return { kind: 'gave-up', attempts: o.retries + 1 };
  }

  return {
    async buy(id) {
      try {
        if (o.mode === 'optimistic') return await optimistic(id);
        return await readModifyWrite(id, o.mode === 'lock');
      } catch (e) {
        if (e instanceof DbError && e.code === UNIQUE_VIOLATION) return { kind: 'duplicate' };
        if (isServerError(e) && e.code === UNIQUE_VIOLATION) return { kind: 'duplicate' };
        throw e;
      }
    },
    async view() {
      // One snapshot for both reads, so stock and sales agree with each other.
      return readTx(
        pool,
        async (c) => {
          const row = await readRow(c, o.product, false);
          const sales = await c.query('SELECT id FROM sales WHERE product = $1 ORDER BY seq', [o.product]);
          const ids = sales.rows.map((r) => String(r.id));
          return { product: o.product, stock: row.stock, version: row.version, sold: ids.length, ids };
        },
        { begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ' },
      );
    },
  };
}
