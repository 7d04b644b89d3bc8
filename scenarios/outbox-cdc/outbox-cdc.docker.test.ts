// outbox-cdc on real containers (PostgreSQL with wal_level=logical, Kafka, Kafka Connect with
// Debezium, the outbox writer and consumer, cdc-admin): Connect is killed mid-stream and
// started again. The lab's numbers must equal what direct queries find before teardown:
// psql in the database container (orders, outbox, effects, the replication slot) and Kafka's
// own tool in the broker (messages on the topic).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import type { CheckResult } from '../../main/engine/checks';
import type { RunEvent } from '../../main/engine/events';
import { managedFilter } from '../../main/engine/docker/labels';
import { psql, topicMessages } from '../shared-outbox/direct-queries';
import { ANOMALY, STORE } from '../shared-outbox/names';
import { CONNECT, SLOT, WAL_STORE } from './topology';
import type { WalOutage } from './wal-check';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-outbox-cdc-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Direct {
  orders: string[];
  outboxEvents: string[];
  effects: string[];
  appliedEvents: string[];
  duplicateEffects: number;
  topicMessages: number;
  slot: { active: boolean; restartLsn: string; retainedBytes: number };
}

async function readDirect(access: ContainerAccess): Promise<Direct> {
  const [slot] = await psql(
    access,
    'lab',
    `SELECT active || '|' || restart_lsn || '|' || pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)
       FROM pg_replication_slots WHERE slot_name = '${SLOT}'`,
  );
  const [active, restartLsn, retained] = slot.split('|');
  return {
    orders: await psql(access, 'lab', 'SELECT id FROM orders ORDER BY id'),
    outboxEvents: await psql(access, 'lab', 'SELECT event_id FROM outbox ORDER BY event_id'),
    effects: await psql(access, 'consumer', 'SELECT order_id FROM effects ORDER BY order_id, seq'),
    appliedEvents: await psql(access, 'consumer', 'SELECT DISTINCT event_id FROM effects ORDER BY event_id'),
    duplicateEffects: Number(
      (await psql(access, 'consumer', 'SELECT count(*) - count(DISTINCT event_id) FROM effects'))[0],
    ),
    topicMessages: await topicMessages(access, 'orders'),
    slot: { active: active === 't', restartLsn, retainedBytes: Number(retained) },
  };
}

async function run(
  params: Record<string, string>,
): Promise<{ r: RunResult; d: Direct; events: readonly RunEvent[] }> {
  let d: Direct | undefined;
  const started = Date.now();
  const handle = lab.startRun('outbox-cdc', params, {
    beforeTeardown: async (access) => {
      d = await readDirect(access);
    },
  });
  const r = await handle.done;
  const ready = handle.events.flatMap((e) =>
    e.type === 'log' && / ready in /.test(e.message) ? [e.message] : [],
  );
  console.log(
    `outbox-cdc ${JSON.stringify(params)}: ${r.status} in ${Date.now() - started} ms, valid ${String(r.verdict?.valid)}, ` +
      `${JSON.stringify(r.verdict?.anomalies)}; ${ready.join('; ')}`,
  );
  expect(r.status, r.report.error ?? '').toBe('completed');
  if (!d) throw new Error('the beforeTeardown hook did not read the stores');
  expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  return { r, d, events: handle.events };
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/** A WAL position ("16/B374D848") as a number. */
function lsn(text: string): bigint {
  const [hi, lo] = text.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

function check(r: RunResult, name: string): CheckResult {
  const c = r.verdict?.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name}`);
  return c;
}

/** Connect was killed by the lab and started again. */
function expectConnectOutage(r: RunResult): void {
  const kills = r.report.faults.filter(
    (f) => f.target === CONNECT && f.kind === 'kill' && f.source === 'lab',
  );
  expect(kills).toHaveLength(1);
  expect(kills[0].until).not.toBeNull();
}

/** Nothing lost: every committed order's event reached the consumer, as the database says. */
function expectNothingLost(r: RunResult, d: Direct): void {
  expect(d.orders.length).toBe(Number(r.report.params.orders));
  expect(sorted(r.report.stores.find((s) => s.name === STORE.orders)!.ids)).toEqual(d.orders);
  expect(sorted(r.report.stores.find((s) => s.name === STORE.effects)!.ids)).toEqual(sorted(d.effects));
  expect(d.appliedEvents).toEqual(d.outboxEvents);
  expect(new Set(d.effects)).toEqual(new Set(d.orders));
  expect(r.report.verdict.anomalies[ANOMALY.lostEvent]).toBe(0);
  expect(check(r, 'lost-events').valid).toBe(true);
  // Every message on the topic is an event of the outbox; the extra ones were sent again.
  const redelivery = check(r, 'cdc-redelivery').stats as { messagesOnTopic: number; resent: number };
  expect(redelivery.messagesOnTopic).toBe(d.topicMessages);
  expect(redelivery.resent).toBe(d.topicMessages - d.orders.length);
  expect(redelivery.resent).toBeGreaterThanOrEqual(0);
}

/** The slot held more WAL while Connect was down, and let go of it once Connect was back. */
function expectWalRoseAndFell(r: RunResult, d: Direct): void {
  const w = check(r, 'wal-retained');
  expect(w.valid, w.summary).toBe(true);
  const [o] = (w.stats as { outages: WalOutage[] }).outages;
  expect(o.endKiB!).toBeGreaterThan(o.beforeKiB!);
  expect(o.peakKiB!).toBeGreaterThanOrEqual(o.endKiB!);
  expect(o.released).toBe(true);
  expect(o.releasedAfterMs).not.toBeNull();
  // pg_replication_slots, read directly a moment after the lab's final read: the slot's
  // restart_lsn is past the WAL position where the outage ended...
  expect(lsn(d.slot.restartLsn)).toBeGreaterThanOrEqual(lsn(o.endLsn!));
  // ...and the lab's final read of the slot is what the server says (restart_lsn can only
  // have moved forward since; heartbeats add a little WAL).
  const final = r.report.stores.find((s) => s.name === WAL_STORE.retained)!;
  expect(final.rows).toBe(o.finalKiB);
  if (final.ids[0] === d.slot.restartLsn)
    expect(Math.abs(Math.ceil(d.slot.retainedBytes / 1024) - final.rows)).toBeLessThanOrEqual(4);
  else expect(lsn(d.slot.restartLsn)).toBeGreaterThan(lsn(final.ids[0]));
}

/**
 * The WAL held by the slot is a gauge: charted and reported, never compared with the stores,
 * so the orders and the consumer's effects are found converged once Connect has caught up
 * (they were never, while the WAL counted as a store). The consumer's lag is sampled too.
 */
function expectConvergedDespiteWal(r: RunResult, events: readonly RunEvent[]): void {
  expect(r.report.convergence.afterLastFaultMs, JSON.stringify(r.report.convergence)).not.toBeNull();
  const wal = r.report.gauges.find((g) => g.name === WAL_STORE.retained);
  expect(wal).toMatchObject({ unit: 'KiB' });
  expect(wal!.peak!).toBeGreaterThan(0);
  expect(r.report.stores.find((s) => s.name === WAL_STORE.retained)).toMatchObject({ kind: 'gauge' });
  const lag = events.flatMap((e) =>
    e.type === 'sample' && e.store === 'lag:order-consumer' ? [e.rows] : [],
  );
  expect(lag.length).toBeGreaterThan(5);
  expect(lag[lag.length - 1]).toBe(0);
  console.log(
    `outbox-cdc: converged ${r.report.convergence.afterLastFaultMs} ms after the last fault; WAL peak ${wal!.peak} KiB, ` +
      `last ${wal!.last} KiB; consumer lag at most ${Math.max(...lag.map((x) => x ?? 0))}`,
  );
}

describe('outbox-cdc on real containers', () => {
  it('Connect killed mid-stream, idempotent consumer: nothing lost, copies absorbed, WAL held then released', async () => {
    const { r, d, events } = await run({});
    expectConnectOutage(r);
    expectNothingLost(r, d);
    expectWalRoseAndFell(r, d);
    expectConvergedDespiteWal(r, events);
    expect(d.duplicateEffects).toBe(0);
    expect(r.report.verdict.anomalies[ANOMALY.duplicateEffect]).toBe(0);
    expect(r.report.verdict.valid).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it('consumer not idempotent, offsets committed every 15 s: every event sent again is applied twice, counted exactly', async () => {
    const { r, d, events } = await run({ idempotent: 'false', offsetFlushMs: '15000' });
    expectConnectOutage(r);
    expectNothingLost(r, d);
    expectWalRoseAndFell(r, d);
    // The effects hold each order (some twice): as sets the stores still converge.
    expectConvergedDespiteWal(r, events);
    // No offset was committed before the kill: what Connect had sent, it sent again.
    expect(d.topicMessages).toBeGreaterThan(d.orders.length);
    expect(d.duplicateEffects).toBe(d.topicMessages - d.orders.length);
    expect(r.report.verdict.anomalies[ANOMALY.duplicateEffect]).toBe(d.duplicateEffects);
    expect(r.report.verdict.valid).toBe(false);
    expect(r.exitCode).toBe(1);
  });
});
