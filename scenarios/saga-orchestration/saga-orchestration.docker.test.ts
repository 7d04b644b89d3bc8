// saga-orchestration on real containers: the orchestrator killed at a named point and
// started again; what the lab reports must equal what SQL finds in each service's database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import type { CheckResult } from '../../main/engine/checks';
import { managedFilter } from '../../main/engine/docker/labels';
import { sql, column, count, readRunLog, idsOf, pointHolds } from '../shared-saga/direct-queries';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-saga-orch-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Db {
  sagas: { id: string; state: string; product: string; qty: number; resumed: number }[];
  logTwice: number;
  products: { id: string; available: number; reserved: number; sold: number }[];
  releasedUnits: number;
  /** (service, saga, step) with more than one application or effect row. */
  doubled: string[];
  charged: string[];
  confirmed: string[];
  cancelled: string[];
  /** "database:saga:step" -> applications recorded by the participant. */
  applied: Map<string, number>;
  /** "saga:step:phase" -> saga log entries. */
  logged: Map<string, number>;
}

async function readDb(a: ContainerAccess): Promise<Db> {
  const sagas = (
    await sql(a, 'orchestrator', 'SELECT id, state, product, qty, resumed FROM sagas ORDER BY id')
  ).map(([id, state, product, qty, resumed]) => ({
    id,
    state,
    product,
    qty: Number(qty),
    resumed: Number(resumed),
  }));
  const products = (
    await sql(a, 'inventory', 'SELECT id, available, reserved, sold FROM products ORDER BY id')
  ).map(([id, av, re, so]) => ({ id, available: Number(av), reserved: Number(re), sold: Number(so) }));
  const doubled: string[] = [];
  for (const [db, q] of [
    ['inventory', 'SELECT saga_id FROM reservations GROUP BY saga_id HAVING count(*) > 1'],
    ['payment', 'SELECT saga_id FROM charges GROUP BY saga_id HAVING count(*) > 1'],
    ['shipping', 'SELECT saga_id FROM shipments GROUP BY saga_id HAVING count(*) > 1'],
    [
      'order',
      `SELECT order_id FROM order_events WHERE event = 'created' GROUP BY order_id HAVING count(*) > 1`,
    ],
    ...['order', 'inventory', 'payment', 'shipping'].map((d) => [
      d,
      `SELECT saga_id || ':' || step FROM applied_steps WHERE times > 1`,
    ]),
  ] as const)
    for (const x of await column(a, db, q)) doubled.push(`${db}:${x}`);
  return {
    sagas,
    logTwice: await count(
      a,
      'orchestrator',
      `SELECT count(*) FROM (SELECT 1 FROM saga_log GROUP BY saga_id, step, phase HAVING count(*) > 1) x`,
    ),
    products,
    releasedUnits: await count(
      a,
      'inventory',
      `SELECT COALESCE(sum(qty), 0) FROM reservations WHERE state = 'released'`,
    ),
    doubled,
    charged: await column(
      a,
      'payment',
      `SELECT saga_id FROM charges WHERE state = 'charged' ORDER BY saga_id`,
    ),
    confirmed: await column(a, 'order', `SELECT id FROM orders WHERE state = 'confirmed' ORDER BY id`),
    cancelled: await column(a, 'order', `SELECT id FROM orders WHERE state = 'cancelled' ORDER BY id`),
    applied: new Map(
      (
        await Promise.all(
          ['order', 'inventory', 'payment', 'shipping'].map(async (d) =>
            (await sql(a, d, 'SELECT saga_id, step, times FROM applied_steps')).map(
              ([saga, step, times]) => [`${d}:${saga}:${step}`, Number(times)] as const,
            ),
          ),
        )
      ).flat(),
    ),
    logged: new Map(
      (
        await sql(a, 'orchestrator', 'SELECT saga_id, step, phase, count(*) FROM saga_log GROUP BY 1, 2, 3')
      ).map(([saga, step, phase, n]) => [`${saga}:${step}:${phase}`, Number(n)] as const),
    ),
  };
}

async function run(params: Record<string, string>) {
  let db: Db | undefined;
  const started = Date.now();
  const handle = lab.startRun('saga-orchestration', params, {
    beforeTeardown: async (a) => {
      db = await readDb(a);
    },
  });
  const r = await handle.done;
  const ms = Date.now() - started;
  console.log(
    `saga-orchestration ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${ms} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
  );
  expect(r.status, JSON.stringify(r.report)).toBe('completed');
  expect(db, 'the beforeTeardown hook read the databases').toBeDefined();
  expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  return { r, db: db!, events: readRunLog(r.dir) };
}

function checkOf(r: RunResult, name: string): CheckResult {
  const c = r.verdict?.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

const INITIAL = 25;

function expectStockFromDb(r: RunResult, db: Db): void {
  const stats = checkOf(r, 'stock-conservation').stats as {
    products: Record<string, { available: number; reserved: number; sold: number }>;
  };
  for (const p of db.products)
    expect(stats.products[p.id]).toMatchObject({
      available: p.available,
      reserved: p.reserved,
      sold: p.sold,
    });
}

describe('saga-orchestration on real containers', () => {
  it('orchestrator killed at after-charge and restarted: no saga lost or doubled, every invariant holds', async () => {
    const { r, db, events } = await run({});
    // The fault happened where it was asked: the orchestrator held at after-charge and was killed.
    const holds = pointHolds(events, 'after-charge');
    expect(holds).toHaveLength(1);
    const held = String(holds[0].saga);
    expect(
      r.report.faults.some((f) => f.kind === 'point' && f.target === 'orchestrator' && f.source === 'lab'),
    ).toBe(true);
    expect(
      events.some(
        (e: RunEvent) =>
          e.type === 'fault' &&
          e.request.kind === 'start' &&
          e.request.target === 'orchestrator' &&
          e.state === 'applied',
      ),
    ).toBe(true);

    // No saga lost: every acknowledged saga is in the log; nothing else is.
    const acked = idsOf(events, 'start', 'ok');
    expect(acked.length).toBeGreaterThan(0);
    expect(db.sagas.map((s) => s.id)).toEqual(acked);
    // Every saga terminal; some resumed from the log after the restart (the held one at least).
    expect(db.sagas.every((s) => s.state === 'completed' || s.state === 'compensated')).toBe(true);
    expect(db.sagas.find((s) => s.id === held)?.resumed).toBeGreaterThan(0);
    // The held saga's charge: its reply arrived, the log never heard of it, the restarted
    // orchestrator sent it again; payment applied it once and the log has it once.
    expect(db.applied.get(`payment:${held}:charge`)).toBe(1);
    expect(db.logged.get(`${held}:charge:do`)).toBe(1);
    // No saga doubled: no step applied twice anywhere, no step logged twice.
    expect(db.doubled).toEqual([]);
    expect(db.logTwice).toBe(0);

    // Stock conserved, nothing left reserved, sold = units of the completed sagas (per product).
    for (const p of db.products) {
      expect(p.available + p.reserved + p.sold).toBe(INITIAL);
      expect(p.reserved).toBe(0);
      const units = db.sagas
        .filter((s) => s.product === p.id && s.state === 'completed')
        .reduce((a, s) => a + s.qty, 0);
      expect(p.sold).toBe(units);
    }
    // Money kept only for confirmed orders; confirmed and cancelled disjoint; completed <-> confirmed.
    const completed = db.sagas.filter((s) => s.state === 'completed').map((s) => s.id);
    expect(db.confirmed).toEqual(completed);
    expect(db.charged).toEqual(completed);
    expect(db.cancelled).toEqual(db.sagas.filter((s) => s.state === 'compensated').map((s) => s.id));

    // The lab says the same.
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
    for (const kind of [
      'saga-lost',
      'saga-not-terminal',
      'saga-late',
      'step-applied-twice',
      'stock-not-conserved',
      'order-confirmed-and-compensated',
      'payment-without-order',
    ])
      expect(r.report.verdict.anomalies[kind], kind).toBe(0);
    const t = checkOf(r, 'sagas-terminal').stats as {
      acknowledged: number;
      inLog: number;
      byState: Record<string, number>;
    };
    expect(t).toMatchObject({ acknowledged: acked.length, inLog: db.sagas.length });
    expect(t.byState.completed ?? 0).toBe(completed.length);
    expectStockFromDb(r, db);
    // Sagas by state were sampled over time, with gaps while the orchestrator was down.
    const samples = events.filter((e) => e.type === 'sample' && e.store === 'sagas-running');
    expect(samples.length).toBeGreaterThan(3);
  });
});

describe('saga-orchestration with a broken compensation', () => {
  it('release drops reservations without restocking: the stock invariant fails by exactly the released units', async () => {
    const { r, db } = await run({ brokenCompensation: 'true', fault: 'none', sagas: '20' });
    const missing = db.products.reduce((a, p) => a + INITIAL - (p.available + p.reserved + p.sold), 0);
    expect(db.releasedUnits).toBeGreaterThan(0);
    expect(missing).toBe(db.releasedUnits);
    expect(r.report.verdict.anomalies['stock-not-conserved']).toBe(missing);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
    expectStockFromDb(r, db);
    // Only the stock is wrong: every saga still ended, none doubled.
    expect(r.report.verdict.anomalies).toMatchObject({
      'saga-lost': 0,
      'saga-not-terminal': 0,
      'step-applied-twice': 0,
    });
  });
});
