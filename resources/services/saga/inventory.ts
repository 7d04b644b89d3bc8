// The inventory service: stock per product as available / reserved / sold, and one
// reservation row per reserve. Saga steps (each applied once per saga):
//   POST /steps/reserve       {saga, product, qty}  available -> reserved (declined: out of stock)
//   POST /steps/release       {saga}  reserved -> available (compensation)
//   POST /steps/commit-stock  {saga}  reserved -> sold
// BROKEN_COMPENSATION=true makes release drop the reservation without putting its units back
// on the shelf: the deliberate bug that the stock-conservation check must catch.
// Reads: GET /live {ids} (sagas holding stock: reserved or sold), GET /stock {ids, products},
//   GET /audit {products, reservations, applied}.
import type { Config } from './config';
import type { Db } from './db';
import type { Routes } from './server';
import type { NamedPoints } from '../lib/named-points';
import { APPLIED_SCHEMA, applyOnce, stepRoute, strOf, intOf } from './applied';

export const INVENTORY_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS products (
     id text PRIMARY KEY,
     initial integer NOT NULL,
     available integer NOT NULL,
     reserved integer NOT NULL DEFAULT 0,
     sold integer NOT NULL DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS reservations (
     seq bigserial PRIMARY KEY,
     saga_id text NOT NULL,
     product text NOT NULL REFERENCES products (id),
     qty integer NOT NULL,
     state text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  APPLIED_SCHEMA,
];

/** The products and their initial stock, set once: a restarted inventory keeps its numbers. */
export async function seedProducts(db: Db, cfg: Config): Promise<void> {
  for (const p of cfg.products) {
    await db.query(
      `INSERT INTO products (id, initial, available) VALUES ($1, $2, $2) ON CONFLICT (id) DO NOTHING`,
      [p.id, p.stock],
    );
  }
}

interface Held {
  seq: string;
  product: string;
  qty: number;
}

export function inventoryRoutes(cfg: Config, db: Db, points: NamedPoints): Routes {
  const once = (saga: string, step: string, work: Parameters<typeof applyOnce>[4]) =>
    applyOnce(db, cfg.idempotent, saga, step, work);
  return {
    'POST /steps/reserve': stepRoute('reserve', points, (b, saga) => {
      const product = strOf(b, 'product');
      const qty = intOf(b, 'qty', 1);
      return once(saga, 'reserve', async (c) => {
        const u = await c.query(
          `UPDATE products SET available = available - $2, reserved = reserved + $2
            WHERE id = $1 AND available >= $2`,
          [product, qty],
        );
        if (u.rowCount === 0) {
          const p = await c.query<{ available: number }>('SELECT available FROM products WHERE id = $1', [
            product,
          ]);
          if (!p.rows.length) return { outcome: 'declined', reason: `unknown product ${product}` };
          return {
            outcome: 'declined',
            reason: 'out of stock',
            detail: { available: p.rows[0].available, asked: qty },
          };
        }
        await c.query(
          `INSERT INTO reservations (saga_id, product, qty, state) VALUES ($1, $2, $3, 'reserved')`,
          [saga, product, qty],
        );
        return { outcome: 'ok', detail: { product, qty } };
      });
    }),
    'POST /steps/release': stepRoute('release', points, (_b, saga) =>
      once(saga, 'release', async (c) => {
        const held = await c.query<Held & Record<string, unknown>>(
          `SELECT seq::text AS seq, product, qty FROM reservations WHERE saga_id = $1 AND state = 'reserved'
            ORDER BY seq FOR UPDATE`,
          [saga],
        );
        let units = 0;
        for (const h of held.rows) {
          await c.query(
            `UPDATE reservations SET state = 'released', updated_at = clock_timestamp() WHERE seq = $1`,
            [h.seq],
          );
          if (cfg.brokenCompensation)
            await c.query('UPDATE products SET reserved = reserved - $2 WHERE id = $1', [h.product, h.qty]);
          else
            await c.query(
              'UPDATE products SET reserved = reserved - $2, available = available + $2 WHERE id = $1',
              [h.product, h.qty],
            );
          units += h.qty;
        }
        return { outcome: 'ok', detail: { released: units } };
      }),
    ),
    'POST /steps/commit-stock': stepRoute('commit-stock', points, (_b, saga) =>
      once(saga, 'commit-stock', async (c) => {
        const held = await c.query<Held & Record<string, unknown>>(
          `SELECT seq::text AS seq, product, qty FROM reservations WHERE saga_id = $1 AND state = 'reserved'
            ORDER BY seq FOR UPDATE`,
          [saga],
        );
        let units = 0;
        for (const h of held.rows) {
          await c.query(
            `UPDATE reservations SET state = 'sold', updated_at = clock_timestamp() WHERE seq = $1`,
            [h.seq],
          );
          await c.query('UPDATE products SET reserved = reserved - $2, sold = sold + $2 WHERE id = $1', [
            h.product,
            h.qty,
          ]);
          units += h.qty;
        }
        return { outcome: 'ok', detail: { sold: units } };
      }),
    ),
    'GET /live': async () => {
      const r = await db.query<{ saga_id: string }>(
        `SELECT saga_id FROM reservations WHERE state IN ('reserved', 'sold') ORDER BY seq`,
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.saga_id) } };
    },
    'GET /stock': async () => {
      const r = await db.query<{
        id: string;
        initial: number;
        available: number;
        reserved: number;
        sold: number;
      }>('SELECT id, initial, available, reserved, sold FROM products ORDER BY id');
      return { status: 200, body: { ids: r.rows.map((p) => p.id), products: r.rows } };
    },
    'GET /audit': async () => {
      const products = await db.query(
        'SELECT id, initial, available, reserved, sold FROM products ORDER BY id',
      );
      const reservations = await db.query(
        `SELECT saga_id AS "sagaId", product, qty, state FROM reservations ORDER BY seq`,
      );
      const applied = await db.query(
        `SELECT saga_id AS "sagaId", step, outcome, times FROM applied_steps ORDER BY at`,
      );
      return {
        status: 200,
        body: { products: products.rows, reservations: reservations.rows, applied: applied.rows },
      };
    },
  };
}
