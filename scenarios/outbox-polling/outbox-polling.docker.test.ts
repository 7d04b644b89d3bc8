// outbox-polling on real containers: the relay is killed between publishing a batch and
// marking it sent. What the lab reports must equal what a direct query of the stores finds.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { RunResult } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import { managedFilter } from '../../main/engine/docker/labels';
import { readDirect, heldAt, psql, type DirectStores } from '../shared-outbox/direct-queries';
import { POINT, STORE } from '../shared-outbox/names';

let lab: Lab;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-outbox-polling-'));
  lab = new Lab({ runsDir: root });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Observed {
  r: RunResult;
  direct: DirectStores;
  twice: string[];
  events: readonly RunEvent[];
}

async function run(params: Record<string, string>): Promise<Observed> {
  let direct: DirectStores | undefined;
  let twice: string[] = [];
  const started = Date.now();
  const handle = lab.startRun('outbox-polling', params, {
    beforeTeardown: async (access) => {
      direct = await readDirect(access, true);
      twice = await psql(
        access,
        'consumer',
        'SELECT order_id FROM effects GROUP BY order_id HAVING count(*) > 1 ORDER BY 1',
      );
    },
  });
  const r = await handle.done;
  const ready = handle.events.flatMap((e) =>
    e.type === 'log' && / ready in /.test(e.message) ? [e.message] : [],
  );
  console.log(
    `outbox-polling ${JSON.stringify(params)}: ${r.status} in ${Date.now() - started} ms; ${ready.join('; ')}`,
  );
  if (!direct) throw new Error(`no direct read (status ${r.status}): ${r.report.error ?? ''}`);
  return { r, direct, twice, events: handle.events };
}

function sorted(ids: readonly string[]): string[] {
  return [...ids].sort();
}

/** The orders of every batch the relay held at the point when it was killed. */
function heldOrders(events: readonly RunEvent[]): string[] {
  return heldAt(events, POINT.relayAfterPublishBeforeMark).flatMap((d) => (d as { orders: string[] }).orders);
}

function expectReportEqualsDirect(o: Observed): void {
  const store = (n: string) => o.r.report.stores.find((s) => s.name === n)!;
  expect(sorted(store(STORE.orders).ids)).toEqual(o.direct.orders);
  expect(sorted(store(STORE.effects).ids)).toEqual(o.direct.effects);
  expect(o.direct.unsentOutbox).toBe(0);
  expect(sorted(store(STORE.outboxSent).ids)).toEqual(o.direct.orders);
}

async function labelledLeft(runId: string): Promise<number> {
  return (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
}

describe('outbox-polling on real containers', () => {
  it('relay killed between publish and mark, idempotent consumer: lost 0, duplicate effects 0, valid', async () => {
    const o = await run({ orders: '30', downMs: '1000' });
    expect(o.r.status).toBe('completed');
    expectReportEqualsDirect(o);
    const held = heldOrders(o.events);
    expect(held.length).toBeGreaterThan(0);
    // The held batch went to Kafka twice...
    expect(o.direct.topicMessages).toBe(o.direct.orders.length + held.length);
    // ...nothing is lost...
    const applied = new Set(o.direct.effects);
    expect(o.direct.orders.filter((id) => !applied.has(id))).toEqual([]);
    expect(o.r.report.verdict.anomalies['lost-event']).toBe(0);
    // ...and the consumer applied each event once.
    expect(o.direct.duplicateEffects).toBe(0);
    expect(o.direct.processedEvents).toBe(o.direct.orders.length);
    expect(o.r.report.verdict.anomalies['duplicate-effect']).toBe(0);
    expect(o.r.report.verdict.valid).toBe(true);
    expect(o.r.exitCode).toBe(0);
    // The backlog gauge: unsent outbox rows pile up while the relay is down, none are left.
    const kill = o.r.report.faults.find((f) => f.kind === 'point' && f.target === 'relay')!;
    const backlog = o.events.flatMap((e) =>
      e.type === 'sample' && e.store === STORE.outboxBacklog ? [{ t: e.t, v: e.rows, kind: e.kind }] : [],
    );
    const down = backlog.filter((s) => s.t >= kill.at && s.t <= kill.until!);
    const peakDown = Math.max(...down.map((s) => s.v ?? 0));
    const before = backlog.filter((s) => s.t < kill.at).map((s) => s.v ?? 0);
    console.log(
      `outbox-polling backlog: at most ${Math.max(...before)} rows before the kill, ${peakDown} while the relay was down (${kill.at}-${kill.until} ms), ${backlog.at(-1)?.v} at the end`,
    );
    expect(backlog.every((s) => s.kind === 'gauge')).toBe(true);
    expect(peakDown).toBeGreaterThan(Math.max(...before));
    expect(backlog.at(-1)?.v).toBe(o.direct.unsentOutbox);
    expect(o.r.report.gauges.find((g) => g.name === STORE.outboxBacklog)).toMatchObject({
      unit: 'rows',
      last: 0,
    });
    expect(await labelledLeft(o.r.runId)).toBe(0);
  });

  it('idempotent consumer off: duplicate effects > 0, counted exactly as SQL counts them', async () => {
    const o = await run({ orders: '30', downMs: '1000', idempotent: 'false' });
    expect(o.r.status).toBe('completed');
    expectReportEqualsDirect(o);
    expect(o.r.report.verdict.anomalies['lost-event']).toBe(0);
    expect(o.direct.duplicateEffects).toBeGreaterThan(0);
    expect(o.r.report.verdict.anomalies['duplicate-effect']).toBe(o.direct.duplicateEffects);
    // The orders applied twice are those of the batch the relay held when it was killed.
    expect(o.twice).toEqual(sorted(heldOrders(o.events)));
    expect(o.direct.topicMessages).toBe(o.direct.effects.length);
    expect(o.r.report.verdict.valid).toBe(false);
    expect(o.r.exitCode).toBe(1);
    // The polling numbers are in the report: queries per second and commit-to-publish latency.
    const polling = o.r.report.verdict.checks.find((c) => c.name === 'relay-polling')!;
    expect(polling.stats?.queriesPerSecond).toBeGreaterThan(0);
    expect(await labelledLeft(o.r.runId)).toBe(0);
  });
});
