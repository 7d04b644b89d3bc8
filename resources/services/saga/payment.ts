// The payment service. Saga steps (each applied once per saga):
//   POST /steps/charge  {saga, amount}  a charge; declined for FAIL_PERCENT of sagas (seeded by
//                       saga id, so a re-sent charge is declined again, never charged)
//   POST /steps/refund  {saga}  charged -> refunded (compensation; no charge: nothing to do)
// Reads: GET /live {ids} (sagas with a charge not refunded), GET /audit {charges, declines, applied}.
import type { Config } from './config';
import type { Db } from './db';
import type { Routes } from './server';
import type { NamedPoints } from '../lib/named-points';
import { APPLIED_SCHEMA, applyOnce, stepRoute, intOf } from './applied';
import { inShare } from './share';

export const PAYMENT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS charges (
     seq bigserial PRIMARY KEY,
     saga_id text NOT NULL,
     amount integer NOT NULL,
     state text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  `CREATE TABLE IF NOT EXISTS declines (
     seq bigserial PRIMARY KEY,
     saga_id text NOT NULL,
     reason text NOT NULL,
     at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  APPLIED_SCHEMA,
];

export function paymentRoutes(cfg: Config, db: Db, points: NamedPoints): Routes {
  const once = (saga: string, step: string, work: Parameters<typeof applyOnce>[4]) =>
    applyOnce(db, cfg.idempotent, saga, step, work);
  return {
    'POST /steps/charge': stepRoute('charge', points, (b, saga) => {
      const amount = intOf(b, 'amount');
      return once(saga, 'charge', async (c) => {
        if (inShare(cfg.seed, `pay:${saga}`, cfg.failPercent)) {
          await c.query(`INSERT INTO declines (saga_id, reason) VALUES ($1, 'card declined')`, [saga]);
          return { outcome: 'declined', reason: 'card declined' };
        }
        await c.query(`INSERT INTO charges (saga_id, amount, state) VALUES ($1, $2, 'charged')`, [
          saga,
          amount,
        ]);
        return { outcome: 'ok', detail: { amount } };
      });
    }),
    'POST /steps/refund': stepRoute('refund', points, (_b, saga) =>
      once(saga, 'refund', async (c) => {
        const r = await c.query<{ amount: number }>(
          `UPDATE charges SET state = 'refunded', updated_at = clock_timestamp()
            WHERE saga_id = $1 AND state = 'charged' RETURNING amount`,
          [saga],
        );
        return { outcome: 'ok', detail: { refunded: r.rows.reduce((s, x) => s + x.amount, 0) } };
      }),
    ),
    'GET /live': async () => {
      const r = await db.query<{ saga_id: string }>(
        `SELECT saga_id FROM charges WHERE state = 'charged' ORDER BY seq`,
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.saga_id) } };
    },
    'GET /audit': async () => {
      const charges = await db.query(`SELECT saga_id AS "sagaId", amount, state FROM charges ORDER BY seq`);
      const declines = await db.query(`SELECT saga_id AS "sagaId", reason FROM declines ORDER BY seq`);
      const applied = await db.query(
        `SELECT saga_id AS "sagaId", step, outcome, times FROM applied_steps ORDER BY at`,
      );
      return {
        status: 200,
        body: { charges: charges.rows, declines: declines.rows, applied: applied.rows },
      };
    },
  };
}
