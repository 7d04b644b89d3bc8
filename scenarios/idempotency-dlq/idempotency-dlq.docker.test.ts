// idempotency-dlq on real containers (PostgreSQL, Kafka, the order API, the payment consumer):
// the lab's numbers must equal what direct queries of the database and of the DLQ topic find
// before teardown.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { RunResult } from '../../main/engine/runner';
import type { CheckResult } from '../../main/engine/checks';
import type { Op } from '../../main/engine/history';
import { managedFilter } from '../../main/engine/docker/labels';
import { readDirect, type DirectDlq } from './direct-queries';
import { ANOMALY, STORE } from './names';
import { DOUBLE_CHARGE } from './idempotency';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-idempotency-dlq-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

async function run(
  params: Record<string, string>,
): Promise<{ r: RunResult; direct: DirectDlq; history: Op[] }> {
  let direct: DirectDlq | undefined;
  const started = Date.now();
  const handle = lab.startRun('idempotency-dlq', params, {
    beforeTeardown: async (access) => {
      direct = await readDirect(access);
    },
  });
  const r = await handle.done;
  console.log(
    `idempotency-dlq ${JSON.stringify(params)}: ${r.status} in ${Date.now() - started} ms, valid ${String(r.verdict?.valid)}, ${JSON.stringify(r.verdict?.anomalies)}`,
  );
  expect(r.status, r.report.error ?? '').toBe('completed');
  if (!direct) throw new Error('the beforeTeardown hook did not read the stores');
  expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  return { r, direct, history: handle.history() };
}

const sorted = (ids: readonly string[]) => [...ids].sort();
const storeIds = (r: RunResult, name: string) => sorted(r.report.stores.find((s) => s.name === name)!.ids);

function check(r: RunResult, name: string): CheckResult {
  const c = r.verdict?.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

/** Every order's message paid exactly once or in the DLQ exactly once, by direct query. */
function expectAccounted(r: RunResult, d: DirectDlq): void {
  expect(storeIds(r, STORE.orders)).toEqual(sorted(d.orders));
  expect(storeIds(r, STORE.payments)).toEqual(sorted(d.payments));
  expect(storeIds(r, STORE.dlq)).toEqual(sorted(d.dlq));
  for (const id of d.orders) {
    const paid = d.payments.filter((x) => x === id).length;
    const dead = d.dlq.filter((x) => x === id).length;
    expect(paid + dead, `${id}: paid ${paid}, in the DLQ ${dead}`).toBe(1);
  }
  expect(d.payments.length + d.dlq.length).toBe(d.orders.length);
  // One message per order on the topic; the DLQ topic holds exactly the dead letters.
  expect(d.ordersTopic).toBe(d.orders.length);
  expect(d.dlqTopic).toBe(d.dlq.length);
  expect(d.dlqKeyMismatches).toBe(0);
  expect(d.processed).toEqual({ paid: d.payments.length, ...(d.dlq.length ? { dead: d.dlq.length } : {}) });
  const a = check(r, 'dlq-accounting');
  expect(a.valid).toBe(true);
  for (const k of [
    ANOMALY.lostMessage,
    ANOMALY.appliedTwice,
    ANOMALY.deadTwice,
    ANOMALY.appliedAndDead,
    ANOMALY.phantom,
  ])
    expect(r.report.verdict.anomalies[k], k).toBe(0);
  expect(a.stats).toMatchObject({
    orders: d.orders.length,
    paidOnce: d.payments.length,
    deadLetteredOnce: d.dlq.length,
  });
  expect(check(r, 'dlq-routing').valid).toBe(true);
}

function poisonRefs(history: Op[]): Set<string> {
  return new Set(
    history.flatMap((op) =>
      op.f === 'place' && op.type === 'invoke' && (op.value as { card: string }).card === 'poison'
        ? [(op.value as { ref: string }).ref]
        : [],
    ),
  );
}

describe('idempotency-dlq on real containers', () => {
  it('with an idempotency key: one order per request, every message paid once or in the DLQ', async () => {
    const { r, direct, history } = await run({});
    expectAccounted(r, direct);
    expect(direct.duplicateOrders).toBe(0);
    expect(r.report.verdict.anomalies[ANOMALY.duplicateOrder]).toBe(0);
    // The client did retry (held-back replies timed out), and got the same order back.
    const slow = history.filter(
      (op) => op.f === 'place' && op.type === 'invoke' && (op.value as { stallMs: number }).stallMs > 0,
    );
    expect(slow).toHaveLength(6);
    const stats = check(r, 'idempotency').stats as { retriedRequests: number; duplicateOrders: number };
    expect(stats.retriedRequests).toBeGreaterThanOrEqual(slow.length);
    expect(stats.duplicateOrders).toBe(0);
    // The DLQ holds exactly the poison requests' orders, after every try.
    const poison = poisonRefs(history);
    expect(poison.size).toBe(3);
    expect(sorted(direct.dlq.map((id) => id.split('/')[0]))).toEqual(sorted([...poison]));
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('without the key: the client’s retries create duplicate orders, counted exactly; accounting still holds', async () => {
    const { r, direct, history } = await run({ idempotencyKey: 'false' });
    expectAccounted(r, direct);
    expect(direct.duplicateOrders).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies[ANOMALY.duplicateOrder]).toBe(direct.duplicateOrders);
    expect(r.report.verdict.anomalies[DOUBLE_CHARGE]).toBe(direct.doubleCharges);
    // Each held-back request the client retried made exactly one extra order.
    const retried = history.filter(
      (op) => op.f === 'place' && op.type === 'ok' && (op.value as { attempts: number }).attempts > 1,
    ).length;
    expect(retried).toBe(direct.duplicateOrders);
    // Poison requests that were doubled sit twice in the DLQ (two orders), the rest are paid twice.
    const poison = poisonRefs(history);
    const doubledPoison = new Set(
      direct.dlq.map((id) => id.split('/')[0]).filter((ref, i, all) => all.indexOf(ref) !== i),
    );
    expect(direct.doubleCharges + doubledPoison.size).toBe(direct.duplicateOrders);
    for (const ref of doubledPoison) expect(poison.has(ref)).toBe(true);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
  });
});
