// shared-db on real containers: what the lab reports must equal what a direct SQL query of
// the database shows, read in the beforeTeardown hook while the containers still exist.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import type { CheckResult } from '../../main/engine/checks';
import { managedFilter } from '../../main/engine/docker/labels';

let lab: Lab;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-shared-db-'));
  lab = new Lab({ runsDir: root });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

/** psql inside the database container (as its OS user, over the local socket). */
async function sql(access: ContainerAccess, query: string): Promise<string[][]> {
  const r = await access.exec('db', [
    'psql',
    '-X',
    '-q',
    '-U',
    'lab',
    '-d',
    'lab',
    '-t',
    '-A',
    '-F',
    '|',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    query,
  ]);
  if (r.exitCode !== 0) throw new Error(`psql failed (${r.exitCode}): ${r.text}`);
  return r.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split('|'));
}

interface Db {
  stock: number;
  version: number;
  sold: number;
  /** Sale rows that wrote a stock value another sale had already written: lost decrements. */
  sameWrite: number;
  saleIds: string[];
  orderIds: string[];
}

async function readDb(access: ContainerAccess): Promise<Db> {
  const [[stock, version, sold, sameWrite]] = await sql(
    access,
    `SELECT p.stock, p.version, (SELECT count(*) FROM sales), (SELECT count(*) - count(DISTINCT wrote_stock) FROM sales)
       FROM products p WHERE p.id = 'hot'`,
  );
  const saleIds = (await sql(access, 'SELECT id FROM sales ORDER BY id')).map((r) => r[0]);
  const orderIds = (await sql(access, 'SELECT id FROM orders ORDER BY id')).map((r) => r[0]);
  return {
    stock: Number(stock),
    version: Number(version),
    sold: Number(sold),
    sameWrite: Number(sameWrite),
    saleIds,
    orderIds,
  };
}

async function run(params: Record<string, string>): Promise<{ r: RunResult; db: Db; ms: number }> {
  let db: Db | undefined;
  const started = Date.now();
  const handle = lab.startRun('shared-db', params, {
    beforeTeardown: async (access) => {
      db = await readDb(access);
    },
  });
  const r = await handle.done;
  const ms = Date.now() - started;
  console.log(
    `shared-db ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${ms} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
  );
  expect(r.status, JSON.stringify(r.report)).toBe('completed');
  expect(db, 'the beforeTeardown hook read the database').toBeDefined();
  expect(await labelledLeft(r.runId)).toBe(0);
  return { r, db: db!, ms };
}

async function labelledLeft(runId: string): Promise<number> {
  return (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
}

function checkOf(r: RunResult, name: string): CheckResult {
  const c = r.verdict?.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

function okCount(r: RunResult, f: string): number {
  const log = fs
    .readFileSync(path.join(r.dir, 'run.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return log.filter((e) => e.type === 'op' && e.op.f === f && e.op.type === 'ok').length;
}

const INITIAL = 20;

/** The plain orders: one store holds them all, every read saw them: valid whatever the mode. */
function expectPlainOrdersValid(r: RunResult, db: Db): void {
  const orders = r.report.stores.find((s) => s.name === 'orders')!;
  expect(orders.ids.slice().sort()).toEqual(db.orderIds);
  for (const kind of ['split-data', 'read-your-writes', 'lost-write', 'lost-sale'])
    expect(r.report.verdict.anomalies[kind]).toBe(0);
}

describe('shared-db on real containers', () => {
  it('naive read-modify-write: oversells, and the oversell equals sale rows - initial stock in the database', async () => {
    const { r, db } = await run({});
    expect(db.sold).toBeGreaterThan(INITIAL);
    expect(r.report.verdict.anomalies.oversell).toBe(db.sold - INITIAL);
    expect(r.report.verdict.anomalies.oversell).toBeGreaterThan(0);
    // Lost updates: acknowledged sales the stock column never subtracted, against the database's stock.
    const acked = okCount(r, 'buy');
    expect(r.report.verdict.anomalies['lost-update']).toBe(acked - (INITIAL - db.stock));
    expect(r.report.verdict.anomalies['lost-update']).toBeGreaterThan(0);
    expect(db.sameWrite).toBeGreaterThan(0);
    expect(checkOf(r, 'hot-product').stats).toMatchObject({ finalStock: db.stock, soldRows: db.sold });
    // What the lab read as the sales store is exactly the sale rows.
    expect(
      r.report.stores
        .find((s) => s.name === 'sales')!
        .ids.slice()
        .sort(),
    ).toEqual(db.saleIds);
    expectPlainOrdersValid(r, db);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
  });

  it('row lock (SELECT ... FOR UPDATE): no oversell, exactly the initial stock sold', async () => {
    const { r, db } = await run({ concurrency: 'lock' });
    expect(db).toMatchObject({ sold: INITIAL, stock: 0, sameWrite: 0 });
    expect(r.report.verdict.anomalies).toMatchObject({ oversell: 0, 'lost-update': 0 });
    expect(okCount(r, 'buy')).toBe(INITIAL);
    expect(checkOf(r, 'hot-product').stats).toMatchObject({ finalStock: 0, soldRows: INITIAL });
    expectPlainOrdersValid(r, db);
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('optimistic version column: no oversell, exactly the initial stock sold, one version per sale', async () => {
    const { r, db } = await run({ concurrency: 'optimistic' });
    expect(db).toMatchObject({ sold: INITIAL, stock: 0, sameWrite: 0, version: INITIAL });
    expect(r.report.verdict.anomalies).toMatchObject({ oversell: 0, 'lost-update': 0 });
    expect(okCount(r, 'buy')).toBe(INITIAL);
    expectPlainOrdersValid(r, db);
    expect(r.report.verdict.valid).toBe(true);
  });

  it('kill-db: both instances fail while the database is down, nothing acknowledged is lost, the run ends with a verdict', async () => {
    const { r, db } = await run({ concurrency: 'lock', fault: 'kill-db', downMs: '3000' });
    expect(r.verdict).not.toBeNull();
    expect(r.report.faults.some((f) => f.kind === 'kill' && f.target === 'db' && f.source === 'lab')).toBe(
      true,
    );
    const a = checkOf(r, 'availability');
    expect(a.valid).toBe(true);
    const during = (a.stats as { during: Record<string, { ops: number; fail: number; info: number }> })
      .during;
    for (const node of ['order-1', 'order-2']) {
      expect(during[node]?.ops, `${node} served ops during the outage`).toBeGreaterThan(0);
      expect(during[node].fail + during[node].info, `${node} failed during the outage`).toBeGreaterThan(0);
    }
    // Every acknowledged order survived the kill (an order with unknown outcome may or may not).
    const acked = okCount(r, 'add');
    expect(db.orderIds.length).toBeGreaterThanOrEqual(acked);
    expect(r.report.verdict.anomalies['lost-write']).toBe(0);
    expect(db).toMatchObject({ sold: INITIAL, stock: 0 });
    expect(r.report.ops.fail + r.report.ops.info).toBeGreaterThan(0);
  });
});
