// The consistency validation job (seed 002): every PERIOD_MS it reads the source of truth
// (the order service) and the copy (shipping), and writes each missing or different row
// back into the copy from the source's values. Every repair is logged in the reconciler's
// own database (pass, row id, kind, the row written). A row only in the copy is reported as
// extra and left alone: a repair never invents data.
//   GET /drift    {ids}: rows that differ right now (no grace): the drift probe
//   GET /repairs  {ids, repairs}: repaired row ids, one per repair
//   GET /audit    {passes, repairs}
// RECONCILE=false keeps the job from running (the drift then stays).
import type { Config } from '../config';
import type { Db } from '../db';
import type { Routes } from '../server';
import type { Call } from '../peer';
import { diffRows, driftIds, type Row, type SourceRow } from './diff';

export const RECONCILER_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS passes (
     pass serial PRIMARY KEY,
     started_at timestamptz NOT NULL,
     ended_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     source_rows integer NOT NULL,
     copy_rows integer NOT NULL,
     missing integer NOT NULL,
     mismatched integer NOT NULL,
     extra integer NOT NULL,
     repaired integer NOT NULL,
     failed integer NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS repairs (
     seq bigserial PRIMARY KEY,
     pass integer NOT NULL,
     row_id text NOT NULL,
     kind text NOT NULL,
     row_data jsonb NOT NULL,
     at timestamptz NOT NULL DEFAULT clock_timestamp())`,
];

function rowsOf(body: Record<string, unknown>): unknown[] {
  return Array.isArray(body.rows) ? body.rows : [];
}

export interface Reconciler {
  routes: Routes;
  start(): void;
  stop(): void;
}

export function createReconciler(cfg: Config, db: Db, call: Call, log: (line: string) => void): Reconciler {
  const source = cfg.sourceUrl ?? cfg.peers.order;
  const copy = cfg.copyUrl ?? cfg.peers.shipping;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function read(): Promise<{ src: SourceRow[]; cp: Row[] } | null> {
    const [s, c] = await Promise.all([
      call(source, 'GET', '/orders/rows'),
      call(copy, 'GET', '/copies/rows'),
    ]);
    if (s.kind !== 'ok' || c.kind !== 'ok') return null;
    return { src: rowsOf(s.body) as SourceRow[], cp: rowsOf(c.body) as Row[] };
  }

  async function pass(): Promise<void> {
    const started = new Date();
    const data = await read();
    if (!data) {
      log('pass skipped: a store could not be read');
      return;
    }
    const d = diffRows(data.src, data.cp, cfg.graceMs);
    const todo = [
      ...d.missing.map((row) => ({ kind: 'missing', row })),
      ...d.mismatched.map((m) => ({ kind: 'mismatched', row: m.source })),
    ];
    const p = await db.query<{ pass: number }>(
      `INSERT INTO passes (started_at, source_rows, copy_rows, missing, mismatched, extra, repaired, failed)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0) RETURNING pass`,
      [started, data.src.length, data.cp.length, d.missing.length, d.mismatched.length, d.extra.length],
    );
    const passNo = p.rows[0].pass;
    let repaired = 0;
    let failed = 0;
    for (const t of todo) {
      const r = await call(copy, 'POST', '/copies', { ...t.row, by: 'reconciler' });
      if (r.kind !== 'ok') {
        failed++;
        continue;
      }
      await db.query('INSERT INTO repairs (pass, row_id, kind, row_data) VALUES ($1, $2, $3, $4)', [
        passNo,
        t.row.id,
        t.kind,
        JSON.stringify(t.row),
      ]);
      repaired++;
    }
    await db.query(
      'UPDATE passes SET repaired = $2, failed = $3, ended_at = clock_timestamp() WHERE pass = $1',
      [passNo, repaired, failed],
    );
    if (todo.length || d.extra.length)
      log(
        `pass ${passNo}: ${d.missing.length} missing, ${d.mismatched.length} mismatched, ${d.extra.length} extra; repaired ${repaired}`,
      );
  }

  const loop = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      pass()
        .catch((e: unknown) => log(`pass failed: ${(e as Error).message}`))
        .finally(loop);
    }, cfg.periodMs);
  };

  const routes: Routes = {
    'GET /drift': async () => {
      const data = await read();
      if (!data) return { status: 503, body: { error: 'a store could not be read', definite: true } };
      const d = diffRows(data.src, data.cp, 0);
      return {
        status: 200,
        body: {
          ids: driftIds(d),
          missing: d.missing.length,
          mismatched: d.mismatched.length,
          extra: d.extra.length,
        },
      };
    },
    'GET /repairs': async () => {
      const r = await db.query<{ row_id: string; kind: string; pass: number; row_data: Row }>(
        'SELECT row_id, kind, pass, row_data FROM repairs ORDER BY seq',
      );
      return {
        status: 200,
        body: {
          ids: r.rows.map((x) => x.row_id),
          repairs: r.rows.map((x) => ({ id: x.row_id, kind: x.kind, pass: x.pass, row: x.row_data })),
        },
      };
    },
    'GET /audit': async () => {
      const passes = await db.query(
        `SELECT pass, source_rows AS "sourceRows", copy_rows AS "copyRows", missing, mismatched, extra, repaired, failed
           FROM passes ORDER BY pass`,
      );
      const repairs = await db.query(
        `SELECT row_id AS id, kind, pass, row_data AS row FROM repairs ORDER BY seq`,
      );
      return { status: 200, body: { passes: passes.rows, repairs: repairs.rows } };
    },
  };

  return {
    routes,
    start() {
      if (cfg.reconcile) loop();
      log(
        `reconciler: ${cfg.reconcile ? `a pass every ${cfg.periodMs} ms, grace ${cfg.graceMs} ms` : 'off'}`,
      );
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
