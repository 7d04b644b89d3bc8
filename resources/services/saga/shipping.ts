// The shipping service. Saga steps (each applied once per saga):
//   POST /steps/ship             {saga}  a shipment; fails for FAIL_PERCENT of sagas (seeded:
//                                "address not deliverable"), which makes the saga refund
//   POST /steps/cancel-shipment  {saga}  scheduled -> cancelled (compensation)
// Shipping also keeps its own copy of the orders (the reconciliation scenario):
//   POST /copies {id, user, product, qty, amount, by: writer|reconciler}  upsert
//   GET /copies {ids}, GET /copies/rows {rows}
// Reads: GET /live {ids} (scheduled shipments), GET /audit {shipments, applied}.
import type { Config } from './config';
import type { Db } from './db';
import type { Routes } from './server';
import type { NamedPoints } from '../lib/named-points';
import { APPLIED_SCHEMA, applyOnce, stepRoute, strOf, intOf, BadRequest } from './applied';
import { inShare } from './share';

export const SHIPPING_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS shipments (
     seq bigserial PRIMARY KEY,
     saga_id text NOT NULL,
     state text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE TABLE IF NOT EXISTS order_copies (
     id text PRIMARY KEY,
     user_id text,
     product text NOT NULL,
     qty integer NOT NULL,
     amount integer NOT NULL,
     written_by text NOT NULL,
     written_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  APPLIED_SCHEMA,
];

export function shippingRoutes(cfg: Config, db: Db, points: NamedPoints): Routes {
  const once = (saga: string, step: string, work: Parameters<typeof applyOnce>[4]) =>
    applyOnce(db, cfg.idempotent, saga, step, work);
  return {
    'POST /steps/ship': stepRoute('ship', points, (_b, saga) =>
      once(saga, 'ship', async (c) => {
        if (inShare(cfg.seed, `ship:${saga}`, cfg.failPercent))
          return { outcome: 'declined', reason: 'address not deliverable' };
        await c.query(`INSERT INTO shipments (saga_id, state) VALUES ($1, 'scheduled')`, [saga]);
        return { outcome: 'ok' };
      }),
    ),
    'POST /steps/cancel-shipment': stepRoute('cancel-shipment', points, (_b, saga) =>
      once(saga, 'cancel-shipment', async (c) => {
        const r = await c.query(
          `UPDATE shipments SET state = 'cancelled', updated_at = clock_timestamp()
            WHERE saga_id = $1 AND state = 'scheduled'`,
          [saga],
        );
        return { outcome: 'ok', detail: { cancelled: r.rowCount } };
      }),
    ),
    'GET /live': async () => {
      const r = await db.query<{ saga_id: string }>(
        `SELECT saga_id FROM shipments WHERE state = 'scheduled' ORDER BY seq`,
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.saga_id) } };
    },
    'GET /audit': async () => {
      const shipments = await db.query(`SELECT saga_id AS "sagaId", state FROM shipments ORDER BY seq`);
      const applied = await db.query(
        `SELECT saga_id AS "sagaId", step, outcome, times FROM applied_steps ORDER BY at`,
      );
      return { status: 200, body: { shipments: shipments.rows, applied: applied.rows } };
    },
    'POST /copies': async ({ body }) => {
      let row: unknown[];
      try {
        row = [
          strOf(body, 'id'),
          typeof body.user === 'string' ? body.user : null,
          strOf(body, 'product'),
          intOf(body, 'qty', 1),
          intOf(body, 'amount'),
          body.by === 'reconciler' ? 'reconciler' : 'writer',
        ];
      } catch (e) {
        if (e instanceof BadRequest) return { status: 400, body: { error: e.message, definite: true } };
        throw e;
      }
      await db.query(
        `INSERT INTO order_copies (id, user_id, product, qty, amount, written_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, product = EXCLUDED.product,
           qty = EXCLUDED.qty, amount = EXCLUDED.amount, written_by = EXCLUDED.written_by,
           written_at = clock_timestamp()`,
        row,
      );
      return { status: 201, body: { id: row[0] } };
    },
    'GET /copies': async () => {
      const r = await db.query<{ id: string }>('SELECT id FROM order_copies ORDER BY written_at, id');
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    },
    'GET /copies/rows': async () => {
      const r = await db.query(
        `SELECT id, user_id AS "user", product, qty, amount, written_by AS "writtenBy" FROM order_copies ORDER BY id`,
      );
      return { status: 200, body: { rows: r.rows } };
    },
  };
}
