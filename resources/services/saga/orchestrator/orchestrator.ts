// The orchestrator role: accepts sagas (persisted before it answers), drives each one from
// the log, and at start resumes every saga the log holds that is not terminal.
//   POST /sagas {id, product, qty, user}  202 once the saga is in the log
//   GET  /sagas[?state=running|compensating|completed|compensated]  {ids}
//   GET  /sagas/summary  {byState, nonTerminal, total}
//   GET  /audit  {sagas, log}: the whole log, for the lab's final read
// Named points: after-<step> (after-create-order, after-reserve, after-charge, after-ship,
// after-commit-stock, after-confirm-order, after-release, after-refund, after-cancel-order):
// reached when a participant's reply arrived and before the outcome is logged.
import type { Config, Participant } from '../config';
import type { Db } from '../db';
import type { Routes } from '../server';
import type { Call } from '../peer';
import type { NamedPoints } from '../../lib/named-points';
import { BadRequest, intOf, strOf } from '../applied';
import { driveSaga, type DriverDeps } from './driver';
import { pgSagaLog } from './saga-log';
import { TERMINAL } from './steps';

const STATES = ['running', 'compensating', 'completed', 'compensated'];

export interface Orchestrator {
  routes: Routes;
  /** Resumes every saga that is not terminal; returns their ids. */
  recover(): Promise<string[]>;
  stop(): void;
}

export function createOrchestrator(
  cfg: Config,
  db: Db,
  points: NamedPoints,
  call: Call,
  log: (line: string) => void,
): Orchestrator {
  const sagaLog = pgSagaLog(db);
  const active = new Set<string>();
  let stopped = false;
  const deps: DriverDeps = {
    log: sagaLog,
    call: (service: Participant, step, body) => call(cfg.peers[service], 'POST', `/steps/${step}`, body),
    reach: (point, detail) => points.reach(point, detail),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    stopped: () => stopped,
    note: log,
  };

  const drive = (id: string): void => {
    if (active.has(id)) return;
    active.add(id);
    void (async () => {
      // A database hiccup must not end the saga's driving: retry from the log.
      for (let attempt = 1; !stopped; attempt++) {
        try {
          const state = await driveSaga(id, deps);
          if (state) log(`saga ${id} ${state}`);
          return;
        } catch (e) {
          log(`saga ${id}: ${(e as Error).message}; retrying from the log (${attempt})`);
          await deps.sleep(Math.min(200 * attempt, 2000));
        }
      }
    })().finally(() => active.delete(id));
  };

  const routes: Routes = {
    'POST /sagas': async ({ body }) => {
      let s: { id: string; product: string; qty: number; amount: number; user: string | null };
      try {
        const qty = intOf(body, 'qty', 1);
        s = {
          id: strOf(body, 'id'),
          product: strOf(body, 'product'),
          qty,
          amount: qty * cfg.price,
          user: typeof body.user === 'string' ? body.user : null,
        };
      } catch (e) {
        if (e instanceof BadRequest) return { status: 400, body: { error: e.message, definite: true } };
        throw e;
      }
      const created = await sagaLog.create(s);
      drive(s.id);
      return { status: 202, body: { id: s.id, created } };
    },
    'GET /sagas': async ({ query }) => {
      const state = query.get('state');
      if (state && !STATES.includes(state))
        return { status: 400, body: { error: `state must be one of ${STATES}` } };
      const r = state
        ? await db.query<{ id: string }>('SELECT id FROM sagas WHERE state = $1 ORDER BY created_at, id', [
            state,
          ])
        : await db.query<{ id: string }>('SELECT id FROM sagas ORDER BY created_at, id');
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    },
    'GET /sagas/summary': async () => {
      const r = await db.query<{ state: string; n: number }>(
        'SELECT state, count(*)::int AS n FROM sagas GROUP BY state',
      );
      const byState = Object.fromEntries(STATES.map((s) => [s, 0]));
      for (const x of r.rows) byState[x.state] = x.n;
      const total = r.rows.reduce((a, x) => a + x.n, 0);
      const nonTerminal = r.rows.filter((x) => !TERMINAL.has(x.state)).reduce((a, x) => a + x.n, 0);
      return { status: 200, body: { byState, nonTerminal, total, driving: active.size } };
    },
    'GET /audit': async () => {
      const sagas = await db.query(
        `SELECT id, product, qty, amount, state, next_step AS "next", failed_step AS "failedStep", reason, resumed
           FROM sagas ORDER BY created_at, id`,
      );
      const entries = await db.query(
        `SELECT saga_id AS "sagaId", step, phase, outcome FROM saga_log ORDER BY seq`,
      );
      return { status: 200, body: { sagas: sagas.rows, log: entries.rows } };
    },
  };

  return {
    routes,
    async recover() {
      const ids = await sagaLog.unfinished();
      for (const id of ids) drive(id);
      return ids;
    },
    stop() {
      stopped = true;
    },
  };
}
