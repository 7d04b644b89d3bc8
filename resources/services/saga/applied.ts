// Participants apply each saga step at most once: the step's effect and a row keyed by
// (saga id, step) commit in one local transaction. A step sent again (the orchestrator
// restarted and re-sent what it had not logged) finds the row and replays the recorded
// outcome, ok or declined, without touching anything. With IDEMPOTENT=false the row only
// counts applications (times), and a re-sent step is applied again: the "no saga run twice"
// check then finds it.
import type { Db, Sql } from './db';
import type { Reply } from './server';
import type { NamedPoints } from '../lib/named-points';

export const APPLIED_SCHEMA = `CREATE TABLE IF NOT EXISTS applied_steps (
  saga_id text NOT NULL,
  step text NOT NULL,
  outcome text NOT NULL,
  detail jsonb,
  times integer NOT NULL DEFAULT 1,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (saga_id, step))`;

export type StepOutcome =
  | { outcome: 'ok'; detail?: Record<string, unknown> }
  | { outcome: 'declined'; reason: string; detail?: Record<string, unknown> };

export interface Applied {
  outcome: 'ok' | 'declined';
  reason?: string;
  detail: Record<string, unknown>;
  replay: boolean;
}

export async function applyOnce(
  db: Db,
  idempotent: boolean,
  saga: string,
  step: string,
  work: (c: Sql) => Promise<StepOutcome>,
): Promise<Applied> {
  return db.tx(async (c) => {
    if (idempotent) {
      const ins = await c.query(
        `INSERT INTO applied_steps (saga_id, step, outcome) VALUES ($1, $2, 'pending')
         ON CONFLICT (saga_id, step) DO NOTHING RETURNING saga_id`,
        [saga, step],
      );
      if (ins.rowCount === 0) {
        const prev = await c.query<{ outcome: string; detail: Record<string, unknown> | null }>(
          'SELECT outcome, detail FROM applied_steps WHERE saga_id = $1 AND step = $2',
          [saga, step],
        );
        const d = prev.rows[0]?.detail ?? {};
        return {
          outcome: prev.rows[0]?.outcome === 'declined' ? 'declined' : 'ok',
          reason: typeof d.reason === 'string' ? d.reason : undefined,
          detail: d,
          replay: true,
        };
      }
    }
    const out = await work(c);
    const detail = { ...(out.detail ?? {}), ...(out.outcome === 'declined' ? { reason: out.reason } : {}) };
    await c.query(
      `INSERT INTO applied_steps (saga_id, step, outcome, detail) VALUES ($1, $2, $3, $4)
       ON CONFLICT (saga_id, step) DO UPDATE SET outcome = EXCLUDED.outcome, detail = EXCLUDED.detail,
         times = applied_steps.times + (CASE WHEN applied_steps.outcome = 'pending' THEN 0 ELSE 1 END)`,
      [saga, step, out.outcome, JSON.stringify(detail)],
    );
    return {
      outcome: out.outcome,
      reason: out.outcome === 'declined' ? out.reason : undefined,
      detail,
      replay: false,
    };
  });
}

/** The reply for a step: 200 ok, 409 declined (definite). */
export function stepReply(saga: string, step: string, a: Applied): Reply {
  const body = { saga, step, outcome: a.outcome, replay: a.replay, ...a.detail };
  if (a.outcome === 'ok') return { status: 200, body };
  return { status: 409, body: { ...body, error: a.reason ?? 'declined', definite: true } };
}

export function sagaOf(body: Record<string, unknown>): string {
  const s = body.saga;
  if (typeof s !== 'string' || !s || s.length > 200) throw new BadRequest('saga must be a non-empty string');
  return s;
}

export function intOf(body: Record<string, unknown>, name: string, min = 0): number {
  const v = body[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    throw new BadRequest(`${name} must be an integer >= ${min}`);
  return v;
}

export function strOf(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (typeof v !== 'string' || !v || v.length > 200)
    throw new BadRequest(`${name} must be a non-empty string`);
  return v;
}

export class BadRequest extends Error {}

/**
 * A step endpoint: validates, applies once, then reaches the named point
 * `after-<step>-commit` (committed, reply not sent yet) before answering.
 */
export function stepRoute(
  step: string,
  points: NamedPoints,
  run: (body: Record<string, unknown>, saga: string) => Promise<Applied>,
): (req: { body: Record<string, unknown> }) => Promise<Reply> {
  return async ({ body }) => {
    let saga: string;
    try {
      saga = sagaOf(body);
    } catch (e) {
      return { status: 400, body: { error: (e as Error).message, definite: true } };
    }
    let a: Applied;
    try {
      a = await run(body, saga);
    } catch (e) {
      if (e instanceof BadRequest) return { status: 400, body: { error: e.message, definite: true } };
      throw e;
    }
    await points.reach(`after-${step}-commit`, { saga, outcome: a.outcome, replay: a.replay });
    return stepReply(saga, step, a);
  };
}
