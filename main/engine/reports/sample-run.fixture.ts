// Test helper: a realistic synthetic run of split-stores in memory mode. Two order services
// behind a load balancer; one client places 5 orders (o5's outcome is unknown) and lists
// them; order-2 is killed at 2.0 s and restarted at 4.0 s, losing its orders; the probe
// samples both stores every 250 ms.
import type { Op } from '../history';
import type { RunEvent, StoreSnapshot } from '../events';
import type { Verdict } from '../checks/verdict';
import { runChecks } from '../checks/compose';
import { lostWrites } from '../checks/lost-writes';
import { readYourWrites } from '../checks/read-your-writes';
import { splitData } from '../checks/split-data';
import { storeCounts } from '../checks/store-counts';
import { convergence } from '../checks/convergence';
import { duplicates } from '../checks/duplicates';

export interface SampleRun {
  events: RunEvent[];
  verdict: Verdict;
  finalStores: StoreSnapshot[];
}

export function sampleRun(opts: { withEnd?: boolean; orderIds?: string[] } = {}): SampleRun {
  const ids = opts.orderIds ?? ['o1', 'o2', 'o3', 'o4', 'o5'];
  const events: RunEvent[] = [];
  const ops: Op[] = [];
  const push = (e: RunEvent) => events.push(e);
  const op = (o: Omit<Op, 'process' | 'index'>) => {
    const full: Op = { process: 'c1', index: ops.length, ...o };
    ops.push(full);
    push({ type: 'op', t: full.time, op: full });
  };
  const add = (id: string, t: number, outcome: 'ok' | 'info', node: string, tookMs = 12) => {
    op({ type: 'invoke', f: 'add', value: { id }, time: t });
    op({
      type: outcome,
      f: 'add',
      value: { id },
      time: t + tookMs,
      node,
      error: outcome === 'info' ? 'timeout after 1000 ms' : undefined,
    });
  };
  const list = (t: number, node: string, got: string[]) => {
    op({ type: 'invoke', f: 'list', value: null, time: t });
    op({ type: 'ok', f: 'list', value: { ids: got }, time: t + 6, node });
  };

  // What each store holds over time (memory mode: order-2 comes back empty).
  const held: Record<string, { id: string; from: number; to?: number }[]> = {
    'order-1': [
      { id: ids[0], from: 410 },
      { id: ids[2], from: 1210 },
    ],
    'order-2': [
      { id: ids[1], from: 810, to: 2000 },
      { id: ids[3], from: 1610, to: 2000 },
    ],
  };
  const contents = (store: string, t: number) =>
    held[store].filter((h) => h.from <= t && (h.to === undefined || t < h.to)).map((h) => h.id);
  const down = (store: string, t: number) => store === 'order-2' && t >= 2000 && t < 4150;
  const snap = (t: number): StoreSnapshot[] =>
    ['order-1', 'order-2'].map((name) => {
      const got = down(name, t) ? [] : contents(name, t);
      return { name, rows: got.length, ids: got, available: !down(name, t) };
    });

  push({
    type: 'meta',
    t: 0,
    runId: 'split-stores-20260101-120000-ab12',
    scenario: 'split-stores',
    params: { orders: 5, storage: 'memory', killInstance2: true, reads: 4 },
    startedAt: '2026-01-01T12:00:00.000Z',
    seed: 7,
    labVersion: '0.1.0',
  });
  push({ type: 'phase', t: 2, phase: 'images' });
  push({ type: 'phase', t: 20, phase: 'starting' });
  const containers = [
    { name: 'lb', role: 'load balancer', image: 'chaoslab/haproxy' },
    { name: 'order-1', role: 'order service', image: 'chaoslab/service' },
    { name: 'order-2', role: 'order service', image: 'chaoslab/service' },
  ];
  const links = [
    { from: 'client', to: 'lb', label: 'HTTP :8080' },
    { from: 'lb', to: 'order-1', label: 'round robin' },
    { from: 'lb', to: 'order-2', label: 'round robin' },
  ];
  push({ type: 'topology', t: 22, containers, links });
  push({ type: 'container', t: 60, name: 'order-1', containerId: 'c0ffee01', action: 'start' });
  push({ type: 'container', t: 70, name: 'order-2', containerId: 'c0ffee02', action: 'start' });
  push({ type: 'container', t: 90, name: 'lb', containerId: 'c0ffee03', action: 'start' });
  push({
    type: 'topology',
    t: 200,
    containers: containers.map((c, i) => ({ ...c, containerId: `c0ffee0${i + 1}`, state: 'running' })),
    links,
  });
  push({ type: 'phase', t: 240, phase: 'running' });

  const timed: RunEvent[] = [];
  for (let t = 250; t <= 6500; t += 250) {
    for (const s of ['order-1', 'order-2']) {
      const tt = t + (s === 'order-2' ? 3 : 1);
      if (down(s, tt)) timed.push({ type: 'sample', t: tt, probe: 'rows', store: s, rows: null });
      else {
        const got = contents(s, tt);
        timed.push({ type: 'sample', t: tt, probe: 'rows', store: s, rows: got.length, ids: got });
      }
    }
  }
  const before = events.length;
  add(ids[0], 400, 'ok', 'order-1');
  add(ids[1], 800, 'ok', 'order-2');
  add(ids[2], 1200, 'ok', 'order-1');
  add(ids[3], 1600, 'ok', 'order-2');
  list(1800, 'order-1', contents('order-1', 1800));
  add(ids[4], 2200, 'info', 'order-2', 1000);
  list(3300, 'order-1', contents('order-1', 3300));
  list(4400, 'order-2', contents('order-2', 4400));
  list(4800, 'order-1', contents('order-1', 4800));
  list(5200, 'order-2', contents('order-2', 5200));
  list(5600, 'order-1', contents('order-1', 5600));
  timed.push(...events.splice(before));
  timed.push(
    { type: 'snapshot', t: 1985, reason: 'before kill order-2', stores: snap(1985) },
    {
      type: 'fault',
      t: 1988,
      id: 'f1',
      request: { kind: 'kill', target: 'order-2' },
      source: 'lab',
      state: 'requested',
    },
    {
      type: 'fault',
      t: 2000,
      id: 'f1',
      request: { kind: 'kill', target: 'order-2' },
      source: 'lab',
      state: 'applied',
      tookMs: 12,
    },
    { type: 'container', t: 2001, name: 'order-2', containerId: 'c0ffee02', action: 'die', exitCode: 137 },
    {
      type: 'fault',
      t: 3990,
      id: 'f2',
      request: { kind: 'start', target: 'order-2' },
      source: 'lab',
      state: 'requested',
    },
    { type: 'container', t: 3996, name: 'order-2', containerId: 'c0ffee02', action: 'start' },
    {
      type: 'fault',
      t: 4000,
      id: 'f2',
      request: { kind: 'start', target: 'order-2' },
      source: 'lab',
      state: 'applied',
      tookMs: 10,
    },
    { type: 'log', t: 4150, level: 'info', message: 'order-2 ready in 154 ms' },
  );
  timed.sort((a, b) => a.t - b.t);
  events.push(...timed);

  push({ type: 'phase', t: 6000, phase: 'quiesce' });
  push({ type: 'phase', t: 6600, phase: 'final-read' });
  const finalStores = snap(6610);
  push({ type: 'snapshot', t: 6610, reason: 'final', stores: finalStores });
  push({ type: 'phase', t: 6620, phase: 'check' });
  const history = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
  const verdict = runChecks(
    [lostWrites(), readYourWrites(), splitData(), storeCounts(), convergence(), duplicates()],
    {
      params: {},
      history,
      finalStores,
      events,
    },
  );
  push({ type: 'verdict', t: 6630, verdict });
  push({ type: 'phase', t: 6640, phase: 'teardown' });
  push({ type: 'container', t: 6700, name: 'lb', containerId: 'c0ffee03', action: 'die', exitCode: 0 });
  push({ type: 'container', t: 6710, name: 'order-1', containerId: 'c0ffee01', action: 'die', exitCode: 0 });
  push({ type: 'container', t: 6712, name: 'order-2', containerId: 'c0ffee02', action: 'die', exitCode: 0 });
  if (opts.withEnd !== false)
    push({ type: 'end', t: 7000, status: 'completed', endedAt: '2026-01-01T12:00:07.000Z' });
  return { events, verdict, finalStores };
}
