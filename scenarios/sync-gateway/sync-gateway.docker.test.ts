// sync-gateway on real containers: the inventory killed right after committing a
// reservation, twice. The partial failures the lab counts must equal what SQL finds: the
// participants that still hold a change for an order the user was told failed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess } from '../../main/engine/runner';
import { managedFilter } from '../../main/engine/docker/labels';
import { column, sql, readRunLog, idsOf, pointHolds } from '../shared-saga/direct-queries';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-sync-gateway-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Db {
  /** Participant -> order ids whose change is live there. */
  live: Record<'order' | 'inventory' | 'payment', string[]>;
  stock: { available: number; reserved: number; sold: number };
}

async function readDb(a: ContainerAccess): Promise<Db> {
  const [[available, reserved, sold]] = await sql(
    a,
    'inventory',
    `SELECT available, reserved, sold FROM products WHERE id = 'p1'`,
  );
  return {
    live: {
      order: await column(a, 'order', `SELECT id FROM orders WHERE state <> 'cancelled' ORDER BY id`),
      inventory: await column(
        a,
        'inventory',
        `SELECT saga_id FROM reservations WHERE state IN ('reserved', 'sold') ORDER BY saga_id`,
      ),
      payment: await column(
        a,
        'payment',
        `SELECT saga_id FROM charges WHERE state = 'charged' ORDER BY saga_id`,
      ),
    },
    stock: { available: Number(available), reserved: Number(reserved), sold: Number(sold) },
  };
}

async function run(params: Record<string, string>) {
  let db: Db | undefined;
  const started = Date.now();
  const handle = lab.startRun('sync-gateway', params, {
    beforeTeardown: async (a) => {
      db = await readDb(a);
    },
  });
  const r = await handle.done;
  console.log(
    `sync-gateway ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${Date.now() - started} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
  );
  expect(r.status, JSON.stringify(r.report)).toBe('completed');
  expect(db).toBeDefined();
  expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  return { r, db: db!, events: readRunLog(r.dir) };
}

/** (order, participant) pairs live in the databases for the given orders. */
function leftCommitted(db: Db, orders: string[]): string[] {
  const set = new Set(orders);
  return (Object.entries(db.live) as [string, string[]][])
    .flatMap(([p, ids]) => ids.filter((id) => set.has(id)).map((id) => `${id}@${p}`))
    .sort();
}

describe('sync-gateway on real containers', () => {
  it('inventory killed after committing: partial failures > 0, equal to the participants left committed in the databases', async () => {
    const { r, db, events } = await run({});
    const failed = idsOf(events, 'order', 'fail');
    const ok = idsOf(events, 'order', 'ok');
    expect(failed.length).toBeGreaterThan(0);
    const left = leftCommitted(db, failed);
    expect(left.length).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['partial-failure']).toBe(left.length);
    // Each kill held a request that had reserved stock: it failed, and its reservation stayed.
    const held = pointHolds(events, 'after-reserve-commit');
    expect(held).toHaveLength(2);
    for (const h of held) {
      expect(failed).toContain(h.saga);
      expect(left).toContain(`${String(h.saga)}@inventory`);
    }
    // Successful orders are complete everywhere; declined payments left nothing behind.
    for (const p of ['order', 'inventory', 'payment'] as const)
      for (const id of ok) expect(db.live[p]).toContain(id);
    expect(r.report.verdict.anomalies['incomplete-order']).toBe(0);
    // The stranded units are really in the inventory: reserved = units of the live reservations.
    expect(db.stock.available + db.stock.reserved + db.stock.sold).toBe(1000);
    expect(db.live.inventory.length).toBe(ok.length + left.filter((x) => x.endsWith('@inventory')).length);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
  });

  it('no kill: every failure is rolled back cleanly, valid', async () => {
    const { r, db, events } = await run({ kills: '0', orders: '30' });
    const failed = idsOf(events, 'order', 'fail');
    expect(failed.length).toBeGreaterThan(0); // declined payments
    expect(leftCommitted(db, failed)).toEqual([]);
    expect(r.report.verdict.anomalies['partial-failure']).toBe(0);
    expect(r.report.verdict.valid).toBe(true);
  });
});
