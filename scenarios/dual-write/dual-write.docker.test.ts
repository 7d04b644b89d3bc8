// dual-write on real containers (PostgreSQL, Kafka, the outbox service): what the lab reports
// must equal what a direct query of the stores finds before teardown.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { RunResult } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import { managedFilter } from '../../main/engine/docker/labels';
import { readDirect, heldAt, type DirectStores } from '../shared-outbox/direct-queries';
import { POINT, STORE } from '../shared-outbox/names';

let lab: Lab;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-dual-write-'));
  lab = new Lab({ runsDir: root });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

async function run(
  params: Record<string, string>,
): Promise<{ r: RunResult; direct: DirectStores; events: readonly RunEvent[] }> {
  let direct: DirectStores | undefined;
  const started = Date.now();
  const handle = lab.startRun('dual-write', params, {
    beforeTeardown: async (access) => {
      direct = await readDirect(access, false);
    },
  });
  const r = await handle.done;
  const log = handle.events;
  const ready = log.flatMap((e) => (e.type === 'log' && / ready in /.test(e.message) ? [e.message] : []));
  console.log(
    `dual-write ${JSON.stringify(params)}: ${r.status} in ${Date.now() - started} ms; ${ready.join('; ')}`,
  );
  if (!direct) throw new Error(`no direct read (status ${r.status}): ${r.report.error ?? ''}`);
  return { r, direct, events: log };
}

function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

async function labelledLeft(runId: string): Promise<number> {
  return (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
}

describe('dual-write on real containers', () => {
  it('killed at after-commit-before-publish: invalid, lost events = committed orders the consumer never saw', async () => {
    const { r, direct, events } = await run({ orders: '30', downMs: '1000' });
    expect(r.status).toBe('completed');
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
    // The lab's final stores are the databases' contents.
    const orders = r.report.stores.find((s) => s.name === STORE.orders)!;
    const effects = r.report.stores.find((s) => s.name === STORE.effects)!;
    expect(sorted(orders.ids)).toEqual(direct.orders);
    expect(sorted(effects.ids)).toEqual(direct.effects);
    // Lost events, counted by a direct query: orders committed, never applied.
    const applied = new Set(direct.effects);
    const lost = direct.orders.filter((id) => !applied.has(id));
    expect(lost.length).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['lost-event']).toBe(lost.length);
    // They are exactly the orders the writer held at the point when it was killed...
    const held = heldAt(events, POINT.afterCommitBeforePublish).map((d) => (d as { id: string }).id);
    expect(sorted(held)).toEqual(sorted(lost));
    // ...and their events never reached Kafka: the topic holds one message per applied order.
    expect(direct.topicMessages).toBe(direct.effects.length);
    expect(direct.duplicateEffects).toBe(0);
    expect(r.report.verdict.anomalies['duplicate-effect']).toBe(0);
    const html = fs.readFileSync(path.join(r.dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)=["']https?:/);
    expect(html).toMatch(/lost-events/);
    expect(await labelledLeft(r.runId)).toBe(0);
  });

  it('with no fault: valid, every committed order reached the consumer', async () => {
    const { r, direct } = await run({ fault: 'none', orders: '20' });
    expect(r.status).toBe('completed');
    expect(direct.orders).toHaveLength(20);
    expect(direct.effects).toEqual(direct.orders);
    expect(r.report.verdict.anomalies['lost-event']).toBe(0);
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
    expect(await labelledLeft(r.runId)).toBe(0);
  });
});
