// split-stores on real containers: what the lab reports must equal what is in the stores.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import { httpJson } from '../../main/engine/workload/http-json';
import { managedFilter } from '../../main/engine/docker/labels';
import { reap } from '../../main/engine/docker/reaper';
import { rerenderReport } from '../../main/engine/reports/rerender';

let lab: Lab;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-split-'));
  lab = new Lab({ runsDir: root });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

/** Reads each instance directly (bypassing the load balancer) before teardown. */
async function directIds(access: ContainerAccess, names: string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const n of names) {
    const r = await httpJson(access.endpoint(n, 8080), 'GET', '/orders', undefined, 3000);
    out[n] = ((r.body as { ids: string[] }).ids ?? []).slice().sort();
  }
  return out;
}

async function run(
  params: Record<string, string>,
  names: string[],
): Promise<{ r: RunResult; direct: Record<string, string[]>; fileDb?: Record<string, string[]> }> {
  let direct: Record<string, string[]> = {};
  let fileDb: Record<string, string[]> | undefined;
  const run = lab.startRun('split-stores', params, {
    beforeTeardown: async (access) => {
      direct = await directIds(access, names);
      if (params.storeMode === 'file') {
        // Read the SQLite file itself inside each container, not through the service.
        fileDb = {};
        for (const n of names) {
          const q = await access.exec(n, [
            'node',
            '-e',
            "const s=require('sqlite3');const db=new s.Database('/data/orders.db',s.OPEN_READONLY);db.all('select id from orders order by id',(e,r)=>{if(e){console.error(e.message);process.exit(1)}console.log(JSON.stringify(r.map(x=>x.id)))})",
          ]);
          expect(q.exitCode, q.text).toBe(0);
          fileDb[n] = JSON.parse(q.text.trim().split('\n').pop()!);
        }
      }
    },
  });
  const r = await run.done;
  return { r, direct, fileDb };
}

async function labelledLeft(runId: string): Promise<number> {
  return (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
}

describe('split-stores on real containers', () => {
  it('2 instances, 5 orders: stores hold 2 and 3, verdict invalid, report equals the stores', async () => {
    const { r, direct } = await run({}, ['order-1', 'order-2']);
    expect(r.status).toBe('completed');
    const rows = r.report.stores.map((s) => s.rows).sort();
    expect(rows).toEqual([2, 3]);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.report.verdict.anomalies['read-your-writes']).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['split-data']).toBeGreaterThan(0);
    expect(r.report.ops.ok).toBe(5 + 4);
    for (const s of r.report.stores) expect(s.ids.slice().sort()).toEqual(direct[s.name]);
    // the report files exist and the run left nothing behind
    for (const f of ['run.jsonl', 'report.json', 'report.html'])
      expect(fs.existsSync(path.join(r.dir, f))).toBe(true);
    expect(await labelledLeft(r.runId)).toBe(0);
  });

  it('3 instances, 9 orders: 3, 3 and 3', async () => {
    const { r, direct } = await run({ instances: '3', orders: '9' }, ['order-1', 'order-2', 'order-3']);
    expect(r.report.stores.map((s) => s.rows)).toEqual([3, 3, 3]);
    for (const s of r.report.stores) expect(s.ids.slice().sort()).toEqual(direct[s.name]);
    expect(r.report.verdict.valid).toBe(false);
  });

  it('memory mode, instance 2 killed mid-run: lost writes = what it held before the kill', async () => {
    const { r, direct } = await run({ fault: 'kill', orders: '10', downMs: '1500' }, ['order-1', 'order-2']);
    expect(r.status).toBe('completed');
    const events = r.report as unknown as { faults: { kind: string; target: string; source: string }[] };
    expect(events.faults.some((f) => f.kind === 'kill' && f.target === 'order-2' && f.source === 'lab')).toBe(
      true,
    );
    // What order-2 held right before the kill, as the lab read it then.
    const log = fs
      .readFileSync(path.join(r.dir, 'run.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const before = log.find((e) => e.type === 'snapshot' && e.reason === 'before kill order-2');
    const heldBefore: string[] = before.stores.find((s: { name: string }) => s.name === 'order-2').ids;
    // An order committed by order-2 whose answer the kill cut off is not acknowledged (an
    // 'info' op): losing it is allowed. Lost acknowledged writes = what order-2 held that the
    // client had been told was stored.
    const acked = new Set(
      log
        .filter((e) => e.type === 'op' && e.op.type === 'ok' && e.op.f === 'add')
        .map((e) => (e.op.value as { id: string }).id),
    );
    const heldAcked = heldBefore.filter((id) => acked.has(id));
    expect(heldAcked.length).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['lost-write']).toBe(heldAcked.length);
    // None of them is in any store now, as a direct query shows.
    const everywhere = new Set(Object.values(direct).flat());
    for (const id of heldAcked) expect(everywhere.has(id)).toBe(false);
    expect(r.report.verdict.valid).toBe(false);
    // report.html: offline (no external URL), rows per store over time, the kill shaded.
    const html = fs.readFileSync(path.join(r.dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)=["']https?:/);
    expect(html).toMatch(/Rows per store/);
    expect(html).toMatch(/kill order-2/);
    // `chaoslab report` re-renders from run.jsonl alone and finds the same verdict.
    fs.rmSync(path.join(r.dir, 'report.json'));
    const again = rerenderReport(r.dir);
    expect(again.verdict.anomalies).toEqual(r.report.verdict.anomalies);
  });

  it('file mode, same kill: the restarted instance keeps its rows (SQLite file read directly)', async () => {
    const { r, direct, fileDb } = await run(
      { fault: 'kill', orders: '10', downMs: '1500', storeMode: 'file' },
      ['order-1', 'order-2'],
    );
    expect(r.report.verdict.anomalies['lost-write'] ?? 0).toBe(0);
    expect(fileDb).toEqual(direct);
    const total = Object.values(direct).flat().length;
    expect(total).toBe(r.report.ops.ok - 4 /* reads */);
  });

  it('never touches an unlabelled container named like a lab container', async () => {
    const name = `chaoslab-${Date.now()}-order-1`;
    const c = await lab.docker.createContainer({
      name,
      Image: 'debian:bookworm-slim',
      Cmd: ['sleep', '300'],
    });
    try {
      await c.start();
      await run({ orders: '2', reads: '1' }, ['order-1', 'order-2']);
      await reap(lab.docker); // by label only: an unlabelled container is never listed
      const info = await c.inspect();
      expect(info.State.Running).toBe(true);
    } finally {
      await c.remove({ force: true });
    }
  });
});
