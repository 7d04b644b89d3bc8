// The single database of queue-single-writer: PostgreSQL, written only by the writer (one
// consumer), read by every front instance.
import pg from 'pg';
import type { PgConfig } from './config';
import type { EventPosition, OrderCreated } from './events';

export interface DbOrder {
  id: string;
  user: string | null;
  item: string | null;
  origin: string;
}

export interface OrderDb {
  /** Insert-if-absent (the primary key makes a redelivered event harmless). */
  apply(ev: OrderCreated, at: EventPosition): Promise<{ inserted: boolean }>;
  orders(): Promise<DbOrder[]>;
  get(id: string): Promise<DbOrder | null>;
  close(): Promise<void>;
}

const DDL = `CREATE TABLE IF NOT EXISTS orders (
  seq bigserial, id text PRIMARY KEY, user_id text, item text, origin text NOT NULL,
  partition int NOT NULL, kafka_offset bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`;

export async function openOrderDb(cfg: PgConfig): Promise<OrderDb> {
  const pool = new pg.Pool({ ...cfg, max: 4, connectionTimeoutMillis: 3000, idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // a dropped idle connection is replaced on the next query
  const c = await pool.connect();
  try {
    // Every instance runs this at start: the advisory lock keeps two CREATEs from racing.
    await c.query('SELECT pg_advisory_lock(4242)');
    await c.query(DDL);
    await c.query('SELECT pg_advisory_unlock(4242)');
  } finally {
    c.release();
  }
  const toOrder = (r: {
    id: string;
    user_id: string | null;
    item: string | null;
    origin: string;
  }): DbOrder => ({
    id: r.id,
    user: r.user_id,
    item: r.item,
    origin: r.origin,
  });
  return {
    async apply(ev, at) {
      const r = await pool.query(
        `INSERT INTO orders (id, user_id, item, origin, partition, kafka_offset) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [ev.id, ev.user, ev.item, ev.origin, at.partition, at.offset],
      );
      return { inserted: r.rowCount === 1 };
    },
    async orders() {
      const r = await pool.query('SELECT id, user_id, item, origin FROM orders ORDER BY seq');
      return r.rows.map(toOrder);
    },
    async get(id) {
      const r = await pool.query('SELECT id, user_id, item, origin FROM orders WHERE id = $1', [id]);
      return r.rows[0] ? toOrder(r.rows[0]) : null;
    },
    close: () => pool.end(),
  };
}
