import { describe, expect, it } from 'vitest';
import { convergence, convergenceOf } from './convergence';
import { input, store } from './history.fixture';
import type { RunEvent, FaultKind } from '../events';

const sample = (t: number, s: string, ids: string[] | null): RunEvent => ({
  type: 'sample',
  t,
  probe: 'store',
  store: s,
  rows: ids ? ids.length : null,
  ids: ids ?? undefined,
});
const fault = (
  t: number,
  kind: FaultKind,
  target: string,
  state: 'applied' | 'healed' | 'requested' = 'applied',
): RunEvent => ({
  type: 'fault',
  t,
  id: `f${t}`,
  request: { kind, target },
  source: 'lab',
  state,
});

// Two stores; s2 is killed at 2000 and restarted at 4000; it catches up at 5000.
const events: RunEvent[] = [
  sample(1000, 's1', ['a']),
  sample(1000, 's2', ['a']),
  fault(1990, 'kill', 's2', 'requested'),
  fault(2000, 'kill', 's2'),
  sample(3000, 's1', ['a', 'b']),
  sample(3000, 's2', null),
  fault(4000, 'start', 's2'),
  sample(4500, 's1', ['a', 'b']),
  sample(4500, 's2', ['a']),
  sample(5000, 's1', ['a', 'b']),
  sample(5000, 's2', ['b', 'a']),
  sample(6000, 's1', ['a', 'b']),
  sample(6000, 's2', ['a', 'b']),
];

describe('convergenceOf', () => {
  it('measures from the last heal to when the stores last became equal', () => {
    expect(convergenceOf(events)).toEqual({
      lastFaultAt: 4000,
      convergedAt: 5000,
      afterLastFaultMs: 1000,
      lastSampleAt: 6000,
      stores: ['s1', 's2'],
    });
  });

  it('is null when the stores differ at the last sample', () => {
    const e = [...events, sample(7000, 's2', ['a'])];
    expect(convergenceOf(e).afterLastFaultMs).toBeNull();
  });

  it('is 0 when the stores stayed equal through the last fault', () => {
    const e: RunEvent[] = [
      sample(0, 'x', ['a']),
      sample(0, 'y', ['a']),
      fault(100, 'pause', 'x'),
      sample(200, 'x', ['a']),
      sample(200, 'y', ['a']),
    ];
    expect(convergenceOf(e).afterLastFaultMs).toBe(0);
  });

  it('is null when no sample was taken after the last fault', () => {
    const e: RunEvent[] = [sample(0, 'x', ['a']), sample(0, 'y', ['a']), fault(100, 'kill', 'x')];
    expect(convergenceOf(e).afterLastFaultMs).toBeNull();
  });

  it('compares row counts when samples carry no ids, and an unreadable store is never equal', () => {
    const rows = (t: number, s: string, r: number | null): RunEvent => ({
      type: 'sample',
      t,
      probe: 'count',
      store: s,
      rows: r,
    });
    const e: RunEvent[] = [rows(0, 'x', 1), rows(0, 'y', null), rows(100, 'x', 2), rows(100, 'y', 2)];
    expect(convergenceOf(e)).toMatchObject({ convergedAt: 100, afterLastFaultMs: 100, lastFaultAt: null });
  });
});

describe('convergence checker', () => {
  it('is informational by default, even when never converged', () => {
    const r = convergence().check(input([], [], [...events, sample(7000, 's2', ['a'])]));
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ afterLastFaultMs: null });
    expect(r.summary).toContain('never converged');
  });

  it('fails with not-converged when convergence is required and missing', () => {
    const r = convergence({ requireConvergence: true }).check(
      input([], [], [...events, sample(7000, 's2', ['a'])]),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'not-converged': 1 });
  });

  it('passes when required and converged, and fails when slower than allowed', () => {
    const finals = [store('s1', ['a', 'b']), store('s2', ['a', 'b'])];
    const ok = convergence({ requireConvergence: true }).check(input([], finals, events));
    expect(ok.valid).toBe(true);
    expect(ok.summary).toContain('converged 1000 ms after the last fault ended (4.0s)');
    const late = convergence({ requireConvergence: true, withinMs: 500 }).check(input([], finals, events));
    expect(late.valid).toBe(false);
  });

  it('fails when required and the final stores differ', () => {
    const r = convergence({ requireConvergence: true }).check(
      input([], [store('s1', ['a']), store('s2', [])], events),
    );
    expect(r.valid).toBe(false);
    expect(r.summary).toContain('final stores differ');
  });
});

describe('convergence with gauges present', () => {
  // The outbox-cdc shape: two stores of rows and a gauge (WAL held, one id per KiB) that
  // grows while a fault lasts and never equals the stores.
  const gauge = (t: number, kib: number | null): RunEvent => ({
    type: 'sample',
    t,
    probe: 'rows',
    store: 'wal',
    rows: kib,
    ids: kib === null ? undefined : Array.from({ length: kib }, (_, i) => `0/${i}`),
    kind: 'gauge',
    unit: 'KiB',
  });
  const withGauge: RunEvent[] = [...events, gauge(1000, 3), gauge(3000, 40), gauge(5000, 12), gauge(6000, null)];

  it('measures the stores of rows only: the gauge neither blocks nor counts as a store', () => {
    expect(convergenceOf(withGauge)).toEqual(convergenceOf(events));
    expect(convergenceOf(withGauge).stores).toEqual(['s1', 's2']);
  });

  it('leaves a gauge out of the final comparison', () => {
    const finals = [
      store('s1', ['a', 'b']),
      store('s2', ['a', 'b']),
      { ...store('wal', ['0/0', '0/1', '0/2']), kind: 'gauge' as const, unit: 'KiB' },
    ];
    const r = convergence({ requireConvergence: true }).check(input([], finals, withGauge));
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ afterLastFaultMs: 1000, finalStoresEqual: true });
  });

  it('the same gauge recorded as rows (a log from before kinds) keeps the stores apart', () => {
    const asRows = withGauge.map((e) => (e.type === 'sample' && e.store === 'wal' ? { ...e, kind: undefined } : e));
    expect(convergenceOf(asRows).afterLastFaultMs).toBeNull();
  });

  it('with gauges only, convergence is not measured', () => {
    const r = convergence({ requireConvergence: true }).check(input([], [], [gauge(100, 1), gauge(200, 2)]));
    expect(r.valid).toBe('unknown');
    expect(r.summary).toBe('no probe samples, convergence not measured');
  });
});
