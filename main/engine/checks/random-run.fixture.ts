// Test helper: small seeded random runs (history, events, final stores) that exercise the
// corners the checkers must agree on: interleaved processes, repeated ids, pending invokes,
// completions without an invoke, fail/info, reads with duplicates or without a list, ties and
// reversals in time, samples with and without ids, unreadable stores, gauges beside the
// stores of rows. Used only by tests.
import type { Op, OpType } from '../history';
import type { RunEvent, StoreSnapshot } from '../events';
import type { CheckInput } from '../scenario';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random run of up to `maxSteps` steps (ops, samples, faults, snapshots); with
 * `timeGoesBack` false, times never decrease along the history (as a recorder writes it).
 */
export function randomRun(seed: number, maxSteps = 70, timeGoesBack = true): CheckInput {
  const rand = rng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pickOf = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const processes = Array.from({ length: 1 + int(4) }, (_, i) => `p${i}`);
  const pool = Array.from({ length: 2 + int(10) }, (_, i) => `o${i}`);
  const stores = ['s1', 's2', 's3'].slice(0, 1 + int(3));
  // Now and then a gauge (a queue's depth...) is sampled and read at the end too.
  const gauge = rand() < 0.3 ? 'lag' : undefined;
  const gaugeOf = (name: string) => (name === gauge ? { kind: 'gauge' as const, unit: 'messages' } : {});
  const sampled = gauge ? [...stores, gauge] : stores;
  const nodes = ['s1', 's2', undefined];
  const someIds = () => {
    const ids: string[] = [];
    for (let k = int(pool.length + 2); k > 0; k--) ids.push(pickOf(pool));
    return ids;
  };
  const history: Op[] = [];
  const events: RunEvent[] = [];
  const inFlight = new Map<string, Op>();
  let t = 0;
  const steps = int(maxSteps);
  for (let s = 0; s < steps; s++) {
    // Time mostly moves forward, sometimes stands still, now and then goes back a little.
    t += rand() < 0.1 && timeGoesBack ? -int(5) : int(3) * 5;
    const p = pickOf(processes);
    const open = inFlight.get(p);
    const r = rand();
    if (r < 0.08) {
      // A completion with no invoke before it (ignored by pairing).
      history.push({ process: `stray${int(2)}`, type: 'ok', f: 'add', value: { id: pickOf(pool) }, time: t });
    } else if (!open || r < 0.15) {
      // Invoke (a second invoke while one is open leaves the first pending).
      const f = rand() < 0.5 ? 'add' : rand() < 0.85 ? 'list' : 'other';
      const value =
        f === 'add' ? (rand() < 0.9 ? { id: pickOf(pool) } : rand() < 0.5 ? pickOf(pool) : 7) : null;
      const op: Op = { process: p, type: 'invoke', f, value, time: t };
      if (rand() < 0.2) op.node = pickOf(nodes);
      history.push(op);
      inFlight.set(p, op);
    } else {
      inFlight.delete(p);
      const type: OpType = rand() < 0.75 ? 'ok' : rand() < 0.5 ? 'fail' : 'info';
      let value: unknown = open.value;
      if (open.f === 'list' && type === 'ok')
        value = rand() < 0.9 ? { ids: someIds(), node: pickOf(nodes) } : rand() < 0.5 ? someIds() : {};
      else if (open.f === 'add' && type === 'ok' && rand() < 0.3)
        value = { id: rand() < 0.9 ? (open.value as { id?: string })?.id : pickOf(pool), node: 's1' };
      const op: Op = { process: p, type, f: open.f, value, time: t };
      const node = pickOf(nodes);
      if (node) op.node = node;
      if (type !== 'ok') op.error = 'HTTP 503';
      history.push(op);
    }
    if (rand() < 0.25) {
      const store = pickOf(sampled);
      const rows = rand() < 0.15 ? null : int(pool.length);
      const withIds = rand() < 0.6;
      events.push({
        type: 'sample',
        t: t + int(3) - 1,
        probe: 'rows',
        store,
        rows,
        ...(withIds && rows !== null ? { ids: someIds() } : {}),
        ...gaugeOf(store),
      });
    }
    if (rand() < 0.04)
      events.push({
        type: 'fault',
        t,
        id: `f${s}`,
        request: { kind: pickOf(['kill', 'start', 'pause'] as const), target: pickOf(stores) },
        source: 'lab',
        state: pickOf(['requested', 'applied', 'healed'] as const),
      });
    if (rand() < 0.03)
      events.push({
        type: 'snapshot',
        t,
        reason: pickOf(['before kill', 'final']),
        stores: sampled.map((name) => ({
          name,
          rows: 0,
          ids: someIds(),
          available: rand() < 0.8,
          ...gaugeOf(name),
        })),
      });
  }
  history.forEach((op, index) => {
    if (rand() < 0.8) op.index = index;
  });
  const finalStores: StoreSnapshot[] =
    rand() < 0.1
      ? []
      : sampled.map((name) => {
          const ids = someIds();
          return { name, rows: ids.length, ids, available: rand() < 0.85, ...gaugeOf(name) };
        });
  return { params: {}, history, finalStores, events };
}
