// The orchestrator's persisted saga log on PostgreSQL: one row per saga (its state and
// position) and an append-only list of step outcomes. Moving a saga and logging the step that
// moved it is one transaction, guarded by the position it moves from.
import type { Db } from '../db';
import type { LogEntry, Position, SagaLog } from './driver';
import type { Saga, SagaState } from './steps';

export const SAGA_LOG_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS sagas (
     id text PRIMARY KEY,
     product text NOT NULL,
     qty integer NOT NULL,
     amount integer NOT NULL,
     user_id text,
     state text NOT NULL,
     next_step integer NOT NULL DEFAULT 0,
     failed_step text,
     reason text,
     resumed integer NOT NULL DEFAULT 0,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     ended_at timestamptz)`,
  `CREATE TABLE IF NOT EXISTS saga_log (
     seq bigserial PRIMARY KEY,
     saga_id text NOT NULL,
     step text NOT NULL,
     phase text NOT NULL,
     outcome text NOT NULL,
     reason text,
     at timestamptz NOT NULL DEFAULT clock_timestamp())`,
];

interface SagaRow extends Record<string, unknown> {
  id: string;
  product: string;
  qty: number;
  amount: number;
  user_id: string | null;
  state: SagaState;
  next_step: number;
  failed_step: string | null;
  reason: string | null;
}

export function pgSagaLog(db: Db): SagaLog & {
  create(s: Omit<Saga, 'state' | 'next' | 'failedStep' | 'reason'>): Promise<boolean>;
  unfinished(): Promise<string[]>;
} {
  return {
    async create(s) {
      const r = await db.query(
        `INSERT INTO sagas (id, product, qty, amount, user_id, state) VALUES ($1, $2, $3, $4, $5, 'running')
         ON CONFLICT (id) DO NOTHING`,
        [s.id, s.product, s.qty, s.amount, s.user],
      );
      return r.rowCount === 1;
    },
    async unfinished() {
      const r = await db.query<{ id: string }>(
        `UPDATE sagas SET resumed = resumed + 1 WHERE state IN ('running', 'compensating') RETURNING id`,
      );
      return r.rows.map((x) => x.id).sort();
    },
    async load(id) {
      const r = await db.query<SagaRow>('SELECT * FROM sagas WHERE id = $1', [id]);
      const x = r.rows[0];
      if (!x) return null;
      return {
        id: x.id,
        product: x.product,
        qty: x.qty,
        amount: x.amount,
        user: x.user_id,
        state: x.state,
        next: x.next_step,
        failedStep: x.failed_step,
        reason: x.reason,
      };
    },
    async advance(id, from: Position, to, entry: LogEntry | null) {
      return db.tx(async (c) => {
        const u = await c.query(
          `UPDATE sagas SET state = $4, next_step = $5, failed_step = COALESCE($6, failed_step),
                  reason = COALESCE($7, reason), updated_at = clock_timestamp(),
                  ended_at = CASE WHEN $4 IN ('completed', 'compensated') THEN clock_timestamp() ELSE NULL END
            WHERE id = $1 AND state = $2 AND next_step = $3`,
          [id, from.state, from.next, to.state, to.next, to.failedStep ?? null, to.reason ?? null],
        );
        if (u.rowCount !== 1) return false;
        if (entry) {
          await c.query(
            'INSERT INTO saga_log (saga_id, step, phase, outcome, reason) VALUES ($1, $2, $3, $4, $5)',
            [id, entry.step, entry.phase, entry.outcome, entry.reason ?? null],
          );
        }
        return true;
      });
    },
  };
}
