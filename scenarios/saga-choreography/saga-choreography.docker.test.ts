// saga-choreography on real containers (PostgreSQL, Kafka, four participants): the inventory
// killed at a named point and started again with 20% of payments declined; what the lab
// reports must equal what SQL finds in each service's database.
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
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-saga-choreo-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Db {
  orders: { id: string; state: string; product: string; qty: number }[];
  products: { id: string; available: number; reserved: number; sold: number }[];
  releasedUnits: number;
  doubled: string[];
  charged: string[];
  declined: string[];
  reserveApplied: Map<string, number>;
}

async function readDb(a: ContainerAccess): Promise<Db> {
  const orders = (await sql(a, 'order', 'SELECT id, state, product, qty FROM orders ORDER BY id')).map(
    ([id, state, product, qty]) => ({ id, state, product, qty: Number(qty) }),
  );
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
    orders,
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
    declined: await column(a, 'payment', `SELECT saga_id FROM declines ORDER BY saga_id`),
    reserveApplied: new Map(
      (await sql(a, 'inventory', `SELECT saga_id, times FROM applied_steps WHERE step = 'reserve'`)).map(
        ([s, t]) => [s, Number(t)] as const,
      ),
    ),
  };
}

async function run(params: Record<string, string>) {
  let db: Db | undefined;
  const started = Date.now();
  const handle = lab.startRun('saga-choreography', params, {
    beforeTeardown: async (a) => {
      db = await readDb(a);
    },
  });
  const r = await handle.done;
  const ms = Date.now() - started;
  console.log(
    `saga-choreography ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${ms} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
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

describe('saga-choreography on real containers', () => {
  it('20% payments declined, inventory killed at after-reserve-commit and restarted: every saga terminal, every invariant holds', async () => {
    const { r, db, events } = await run({});
    // The inventory held at the point (reservation committed, StockReserved not sent) and was killed, then started.
    const holds = pointHolds(events, 'after-reserve-commit');
    expect(holds).toHaveLength(1);
    const held = String(holds[0].saga);
    expect(
      events.some(
        (e: RunEvent) =>
          e.type === 'fault' &&
          e.request.kind === 'start' &&
          e.request.target === 'inventory' &&
          e.state === 'applied',
      ),
    ).toBe(true);
    // The held saga's OrderCreated was read again after the restart; the reservation was applied once.
    expect(db.reserveApplied.get(held)).toBe(1);

    // Every acknowledged order exists and is terminal.
    const acked = idsOf(events, 'start', 'ok');
    expect(acked.length).toBe(30);
    expect(db.orders.map((o) => o.id)).toEqual([...acked].sort());
    expect(db.orders.every((o) => o.state === 'confirmed' || o.state === 'cancelled')).toBe(true);
    // Payments were declined (20%, seeded) and compensated: cancelled orders exist, stock released.
    expect(db.declined.length).toBeGreaterThan(0);
    for (const id of db.declined) expect(db.orders.find((o) => o.id === id)?.state).toBe('cancelled');
    expect(db.releasedUnits).toBeGreaterThan(0);
    expect(db.doubled).toEqual([]);

    // Stock conserved, nothing reserved, sold = units of confirmed orders.
    for (const p of db.products) {
      expect(p.available + p.reserved + p.sold).toBe(INITIAL);
      expect(p.reserved).toBe(0);
      const units = db.orders
        .filter((o) => o.product === p.id && o.state === 'confirmed')
        .reduce((a, o) => a + o.qty, 0);
      expect(p.sold).toBe(units);
    }
    const confirmed = db.orders.filter((o) => o.state === 'confirmed').map((o) => o.id);
    expect(db.charged).toEqual(confirmed);

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
    const t = checkOf(r, 'sagas-terminal').stats as { inLog: number; byState: Record<string, number> };
    expect(t.inLog).toBe(db.orders.length);
    expect(t.byState.completed ?? 0).toBe(confirmed.length);
    expectStockFromDb(r, db);
    expect(events.filter((e) => e.type === 'sample' && e.store === 'sagas-running').length).toBeGreaterThan(
      3,
    );
  });
});

describe('saga-choreography with a broken compensation', () => {
  it('release drops reservations without restocking: the stock invariant fails by exactly the released units', async () => {
    const { r, db } = await run({ brokenCompensation: 'true', fault: 'none', sagas: '20' });
    const missing = db.products.reduce((a, p) => a + INITIAL - (p.available + p.reserved + p.sold), 0);
    expect(db.releasedUnits).toBeGreaterThan(0);
    expect(missing).toBe(db.releasedUnits);
    expect(r.report.verdict.anomalies['stock-not-conserved']).toBe(missing);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
    expectStockFromDb(r, db);
    expect(r.report.verdict.anomalies).toMatchObject({
      'saga-lost': 0,
      'saga-not-terminal': 0,
      'step-applied-twice': 0,
    });
  });
});
