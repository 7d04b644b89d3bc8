// The order service. Saga steps (each applied once per saga, see applied.ts):
//   POST /steps/create-order   {saga, product, qty, amount, user}  -> order pending
//   POST /steps/confirm-order  {saga}  pending -> confirmed (a cancelled order is declined)
//   POST /steps/cancel-order   {saga}  pending -> cancelled (compensation; no order: nothing to do)
// Reads: GET /orders {ids} (every order), GET /live {ids} (orders not cancelled),
//   GET /audit {orders, events, applied}, GET /orders/rows (rows with their age, for the
//   reconciler). With COPY_URL set, POST /orders {id, user, product, qty, amount} is the dual
//   write of the reconciliation scenario: commit here, then write the copy in shipping,
//   skipped for DRIFT_PERCENT of orders (seeded): the drift the validation job must repair.
import type { Config } from './config';
import type { Db } from './db';
import type { Routes } from './server';
import type { Call } from './peer';
import type { NamedPoints } from '../lib/named-points';
import { APPLIED_SCHEMA, applyOnce, stepRoute, strOf, intOf, BadRequest } from './applied';
import { inShare } from './share';

export const ORDER_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS orders (
     id text PRIMARY KEY,
     user_id text,
     product text NOT NULL,
     qty integer NOT NULL,
     amount integer NOT NULL,
     state text NOT NULL,
     copy_status text,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE TABLE IF NOT EXISTS order_events (
     seq bigserial PRIMARY KEY,
     order_id text NOT NULL,
     event text NOT NULL,
     at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  APPLIED_SCHEMA,
];

export function orderRoutes(cfg: Config, db: Db, points: NamedPoints, call: Call): Routes {
  const once = (saga: string, step: string, work: Parameters<typeof applyOnce>[4]) =>
    applyOnce(db, cfg.idempotent, saga, step, work);
  const routes: Routes = {
    'POST /steps/create-order': stepRoute('create-order', points, (b, saga) => {
      const product = strOf(b, 'product');
      const qty = intOf(b, 'qty', 1);
      const amount = intOf(b, 'amount');
      const user = typeof b.user === 'string' ? b.user : null;
      return once(saga, 'create-order', async (c) => {
        await c.query(
          `INSERT INTO orders (id, user_id, product, qty, amount, state) VALUES ($1, $2, $3, $4, $5, 'pending')
           ON CONFLICT (id) DO NOTHING`,
          [saga, user, product, qty, amount],
        );
        await c.query(`INSERT INTO order_events (order_id, event) VALUES ($1, 'created')`, [saga]);
        return { outcome: 'ok', detail: { state: 'pending' } };
      });
    }),
    'POST /steps/confirm-order': stepRoute('confirm-order', points, (_b, saga) =>
      once(saga, 'confirm-order', async (c) => {
        const r = await c.query<{ state: string }>('SELECT state FROM orders WHERE id = $1 FOR UPDATE', [
          saga,
        ]);
        const state = r.rows[0]?.state;
        if (state === undefined) return { outcome: 'declined', reason: 'no such order' };
        if (state === 'cancelled') return { outcome: 'declined', reason: 'the order was cancelled' };
        await c.query(`UPDATE orders SET state = 'confirmed', updated_at = clock_timestamp() WHERE id = $1`, [
          saga,
        ]);
        await c.query(`INSERT INTO order_events (order_id, event) VALUES ($1, 'confirmed')`, [saga]);
        return { outcome: 'ok', detail: { state: 'confirmed' } };
      }),
    ),
    'POST /steps/cancel-order': stepRoute('cancel-order', points, (_b, saga) =>
      once(saga, 'cancel-order', async (c) => {
        const r = await c.query<{ state: string }>('SELECT state FROM orders WHERE id = $1 FOR UPDATE', [
          saga,
        ]);
        const state = r.rows[0]?.state;
        if (state === undefined) return { outcome: 'ok', detail: { state: 'none' } };
        if (state === 'confirmed') return { outcome: 'declined', reason: 'the order is already confirmed' };
        await c.query(`UPDATE orders SET state = 'cancelled', updated_at = clock_timestamp() WHERE id = $1`, [
          saga,
        ]);
        await c.query(`INSERT INTO order_events (order_id, event) VALUES ($1, 'cancelled')`, [saga]);
        return { outcome: 'ok', detail: { state: 'cancelled' } };
      }),
    ),
    'GET /orders': async () => {
      const r = await db.query<{ id: string }>('SELECT id FROM orders ORDER BY created_at, id');
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    },
    'GET /live': async () => {
      const r = await db.query<{ id: string }>(
        `SELECT id FROM orders WHERE state <> 'cancelled' ORDER BY created_at, id`,
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    },
    'GET /audit': async () => {
      const orders = await db.query(
        `SELECT id, user_id AS "user", product, qty, amount, state, copy_status AS "copyStatus"
           FROM orders ORDER BY created_at, id`,
      );
      const events = await db.query(`SELECT order_id AS "orderId", event FROM order_events ORDER BY seq`);
      const applied = await db.query(
        `SELECT saga_id AS "sagaId", step, outcome, times FROM applied_steps ORDER BY at`,
      );
      return { status: 200, body: { orders: orders.rows, events: events.rows, applied: applied.rows } };
    },
    'GET /orders/rows': async () => {
      const r = await db.query(
        `SELECT id, user_id AS "user", product, qty, amount,
                floor(extract(epoch FROM clock_timestamp() - created_at) * 1000)::int AS "ageMs"
           FROM orders ORDER BY created_at, id`,
      );
      return { status: 200, body: { rows: r.rows } };
    },
  };
  if (cfg.copyUrl) routes['POST /orders'] = dualWrite(cfg, db, call, cfg.copyUrl);
  return routes;
}

/** The dual write: the order here (committed), then its copy in shipping, not atomically. */
function dualWrite(cfg: Config, db: Db, call: Call, copyUrl: string): Routes[string] {
  return async ({ body }) => {
    let row: { id: string; user: string | null; product: string; qty: number; amount: number };
    try {
      row = {
        id: strOf(body, 'id'),
        user: typeof body.user === 'string' ? body.user : null,
        product: strOf(body, 'product'),
        qty: intOf(body, 'qty', 1),
        amount: intOf(body, 'amount'),
      };
    } catch (e) {
      if (e instanceof BadRequest) return { status: 400, body: { error: e.message, definite: true } };
      throw e;
    }
    const ins = await db.query(
      `INSERT INTO orders (id, user_id, product, qty, amount, state, copy_status)
       VALUES ($1, $2, $3, $4, $5, 'placed', 'pending') ON CONFLICT (id) DO NOTHING`,
      [row.id, row.user, row.product, row.qty, row.amount],
    );
    if (ins.rowCount === 0) return { status: 409, body: { error: 'duplicate', definite: true } };
    // The injected drift: the second write is skipped (a crash, a lost message, a bug).
    let copy: 'written' | 'skipped' | 'failed';
    if (inShare(cfg.seed, `drift:${row.id}`, cfg.driftPercent)) copy = 'skipped';
    else {
      const r = await call(copyUrl, 'POST', '/copies', { ...row, by: 'writer' });
      copy = r.kind === 'ok' ? 'written' : 'failed';
    }
    await db.query('UPDATE orders SET copy_status = $2 WHERE id = $1', [row.id, copy]);
    return { status: 201, body: { id: row.id, copy } };
  };
}
