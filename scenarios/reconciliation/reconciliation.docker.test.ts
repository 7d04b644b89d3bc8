// reconciliation on real containers: dual writes that skip the copy for a seeded share of
// orders, a validation job repairing it. Drift and repairs as the lab reports them must equal
// what SQL finds in the order, shipping and reconciler databases.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess } from '../../main/engine/runner';
import { managedFilter } from '../../main/engine/docker/labels';
import { sql, count, readRunLog } from '../shared-saga/direct-queries';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-reconciliation-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Db {
  source: Map<string, string>;
  copy: Map<string, string>;
  skipped: string[];
  /** Copy writes that timed out or failed: may or may not have landed. */
  failed: string[];
  repairs: { id: string; row: string }[];
  repairedCopies: number;
}

const ROW = `id || ',' || COALESCE(user_id, '') || ',' || product || ',' || qty || ',' || amount`;

async function readDb(a: ContainerAccess): Promise<Db> {
  const rows = async (db: string, table: string) =>
    new Map((await sql(a, db, `SELECT id, ${ROW} FROM ${table}`)).map(([id, r]) => [id, r] as const));
  return {
    source: await rows('order', 'orders'),
    copy: await rows('shipping', 'order_copies'),
    skipped: (await sql(a, 'order', `SELECT id FROM orders WHERE copy_status = 'skipped' ORDER BY id`)).map(
      (r) => r[0],
    ),
    failed: (await sql(a, 'order', `SELECT id FROM orders WHERE copy_status = 'failed' ORDER BY id`)).map(
      (r) => r[0],
    ),
    repairs: (
      await sql(
        a,
        'reconciler',
        `SELECT row_id, (row_data->>'id') || ',' || COALESCE(row_data->>'user', '') || ',' || (row_data->>'product') || ',' || (row_data->>'qty') || ',' || (row_data->>'amount') FROM repairs ORDER BY seq`,
      )
    ).map(([id, row]) => ({ id, row })),
    repairedCopies: await count(
      a,
      'shipping',
      `SELECT count(*) FROM order_copies WHERE written_by = 'reconciler'`,
    ),
  };
}

async function run(params: Record<string, string>) {
  let db: Db | undefined;
  const started = Date.now();
  const handle = lab.startRun('reconciliation', params, {
    beforeTeardown: async (a) => {
      db = await readDb(a);
    },
  });
  const r = await handle.done;
  console.log(
    `reconciliation ${JSON.stringify(params)}: ${r.status}, valid ${String(r.verdict?.valid)}, ${Date.now() - started} ms, ${JSON.stringify(r.verdict?.anomalies)}`,
  );
  expect(r.status, JSON.stringify(r.report)).toBe('completed');
  expect(db).toBeDefined();
  expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  return { r, db: db!, events: readRunLog(r.dir) };
}

function drifted(db: Db): string[] {
  const ids = new Set([...db.source.keys(), ...db.copy.keys()]);
  return [...ids].filter((id) => db.source.get(id) !== db.copy.get(id)).sort();
}

describe('reconciliation on real containers', () => {
  it('the job brings drift back to 0, and its repairs equal the injected drift, each a row of the source', async () => {
    const { r, db, events } = await run({});
    expect(db.skipped.length).toBeGreaterThan(0);
    // Drift returned to 0: the two databases hold the same rows with the same values.
    expect(drifted(db)).toEqual([]);
    expect(r.report.verdict.anomalies['drift-left']).toBe(0);
    // Repairs equal the injected drift: one per skipped copy write, of exactly those rows. (A
    // copy write that timed out, if any, is drift only when it did not land: its repair is
    // the one allowed extra.)
    const repaired = db.repairs.map((x) => x.id).sort();
    const extra = repaired.filter((id) => !db.skipped.includes(id));
    expect(
      extra.every((id) => db.failed.includes(id)),
      `repairs of rows whose copy was written: ${extra}`,
    ).toBe(true);
    expect(repaired).toEqual([...db.skipped, ...extra].sort());
    if (db.failed.length === 0) expect(repaired).toEqual(db.skipped);
    expect(db.repairedCopies).toBe(repaired.length);
    const stats = r.verdict!.checks.find((c) => c.name === 'repairs')!.stats as {
      repairs: number;
      injectedDrift: number;
    };
    expect(stats).toMatchObject({
      repairs: db.repairs.length,
      injectedDrift: db.skipped.length,
      uncertain: db.failed.length,
    });
    // No repair invented data: every repaired row is the source's row.
    for (const x of db.repairs) expect(x.row).toBe(db.source.get(x.id));
    expect(r.report.verdict.anomalies).toMatchObject({
      'invented-repair': 0,
      'unrepaired-drift': 0,
      'spurious-repair': 0,
    });
    // Drift was charted: up while orders were written, down to 0 at the end.
    const drift = events.flatMap((e) =>
      e.type === 'sample' && e.store === 'drift' && e.rows !== null ? [e.rows] : [],
    );
    expect(Math.max(...drift)).toBeGreaterThan(0);
    expect(drift[drift.length - 1]).toBe(0);
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('without the job the drift stays: drift-left = the skipped copy writes', async () => {
    const { r, db } = await run({ reconcile: 'false', orders: '30' });
    expect(db.skipped.length).toBeGreaterThan(0);
    expect(drifted(db)).toEqual(db.skipped);
    expect(db.repairs).toEqual([]);
    expect(r.report.verdict.anomalies['drift-left']).toBe(db.skipped.length);
    expect(r.report.verdict.anomalies['unrepaired-drift']).toBe(db.skipped.length);
    expect(r.report.verdict.valid).toBe(false);
  });
});
