// For the docker tests of the saga scenarios (orchestration, choreography): one Lab for the
// test file, a run whose databases are read in the runner's beforeTeardown hook (while its
// containers still exist), and the assertions both tests make of what SQL finds against what
// the lab reports. Test code: it asserts with vitest.
import { afterAll, beforeAll, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import type { CheckResult } from '../../main/engine/checks';
import { managedFilter } from '../../main/engine/docker/labels';
import { readRunLog, type SagaTables } from './direct-queries';

/** Each product's initial stock under the scenarios' default params. */
export const INITIAL_STOCK = 25;

export interface SagaRun<Db> {
  r: RunResult;
  db: Db;
  events: RunEvent[];
}

/**
 * Makes a Lab before the file's tests and closes it after them. `run` starts a run of
 * `scenario`, reads its databases with `readDb` before teardown, logs a line, and asserts
 * the run completed, the hook read the databases and the run left no container.
 */
export function sagaLab<Db>(
  scenario: string,
  readDb: (a: ContainerAccess) => Promise<Db>,
): { run(params: Record<string, string>): Promise<SagaRun<Db>> } {
  let lab: Lab;
  beforeAll(async () => {
    lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), `chaoslab-${scenario}-`)) });
    await lab.init();
  });
  afterAll(async () => {
    await lab.close();
  });
  return {
    async run(params) {
      let db: Db | undefined;
      const started = Date.now();
      const handle = lab.startRun(scenario, params, {
        beforeTeardown: async (a) => {
          db = await readDb(a);
        },
      });
      const r = await handle.done;
      const ms = Date.now() - started;
      console.log(
        `${scenario} ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${ms} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
      );
      expect(r.status, JSON.stringify(r.report)).toBe('completed');
      expect(db, 'the beforeTeardown hook read the databases').toBeDefined();
      expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(
        0,
      );
      return { r, db: db!, events: readRunLog(r.dir) };
    },
  };
}

export function checkOf(r: RunResult, name: string): CheckResult {
  const c = r.verdict?.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

/** The stock check's numbers are the inventory's, as SQL reads them. */
export function expectStockFromDb(r: RunResult, db: SagaTables): void {
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

/** Stock conserved, nothing left reserved, sold = the units of the `done` sagas, per product. */
export function expectStockConserved(
  db: SagaTables,
  done: readonly { product: string; qty: number }[],
): void {
  for (const p of db.products) {
    expect(p.available + p.reserved + p.sold).toBe(INITIAL_STOCK);
    expect(p.reserved).toBe(0);
    const units = done.filter((s) => s.product === p.id).reduce((a, s) => a + s.qty, 0);
    expect(p.sold).toBe(units);
  }
}

/** The lab started `target` again after killing it. */
export function expectRestarted(events: readonly RunEvent[], target: string): void {
  expect(
    events.some(
      (e: RunEvent) =>
        e.type === 'fault' &&
        e.request.kind === 'start' &&
        e.request.target === target &&
        e.state === 'applied',
    ),
  ).toBe(true);
}

/** A valid verdict (exit code 0), none of the saga anomalies counted. */
export function expectValidSagaRun(r: RunResult): void {
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
}

/**
 * A release that drops reservations without restocking: the stock invariant fails by exactly
 * the released units; only the stock is wrong (every saga still ended, none doubled).
 */
export function expectBrokenCompensation(r: RunResult, db: SagaTables): void {
  const missing = db.products.reduce((a, p) => a + INITIAL_STOCK - (p.available + p.reserved + p.sold), 0);
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
}
