import { describe, expect, it } from 'vitest';
import { FakeRun } from '../../../main/server/fake/run';
import { RunModel } from './run-model';
import type { RunEvent } from './types';

const add = (
  process: string,
  id: string,
  time: number,
  type: 'invoke' | 'ok' | 'fail' | 'info',
): RunEvent => ({ type: 'op', t: time, op: { process, type, f: 'add', value: { id }, time } });

describe('RunModel', () => {
  it('computes missing acknowledged writes per store from samples with ids', () => {
    const m = new RunModel('r').applyAll([
      add('c0', 'a', 10, 'invoke'),
      add('c0', 'a', 20, 'ok'),
      add('c1', 'b', 30, 'invoke'),
      add('c1', 'b', 40, 'ok'),
      add('c2', 'c', 45, 'invoke'),
      add('c2', 'c', 48, 'info'),
      { type: 'sample', t: 50, probe: 'rows', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 50, probe: 'rows', store: 's2', rows: 2, ids: ['b', 'c'] },
      { type: 'sample', t: 300, probe: 'rows', store: 's2', rows: null },
    ]);
    expect(m.missing.get('s1')).toEqual([{ t: 50, v: 1 }]);
    expect(m.missing.get('s2')).toEqual([
      { t: 50, v: 1 },
      { t: 300, v: null },
    ]);
    expect(m.samples.get('rows')!.get('s2')).toEqual([
      { t: 50, v: 2 },
      { t: 300, v: null },
    ]);
    expect(m.ops).toEqual({ invoked: 3, ok: 2, fail: 0, info: 1 });
    expect(m.throughput.ok[0]).toBe(2);
    expect(m.stores).toEqual(['s1', 's2']);
  });

  it('keeps gauges apart: charted by name with their unit, never stores nor missing writes', () => {
    const m = new RunModel('r').applyAll([
      add('c0', 'a', 10, 'invoke'),
      add('c0', 'a', 20, 'ok'),
      { type: 'sample', t: 50, probe: 'rows', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 50, probe: 'kafka-lag', store: 'lag:g', rows: 3, kind: 'gauge', unit: 'messages' },
      {
        type: 'sample',
        t: 60,
        probe: 'rows',
        store: 'wal',
        rows: 2,
        ids: ['0/0', '0/400'],
        kind: 'gauge',
        unit: 'KiB',
      },
      {
        type: 'sample',
        t: 300,
        probe: 'kafka-lag',
        store: 'lag:g',
        rows: null,
        kind: 'gauge',
        unit: 'messages',
      },
    ]);
    expect(m.stores).toEqual(['s1']);
    expect([...m.missing.keys()]).toEqual(['s1']);
    expect(m.samples.has('kafka-lag')).toBe(false);
    expect(m.gauges.get('lag:g')).toEqual([
      { t: 50, v: 3 },
      { t: 300, v: null },
    ]);
    expect(m.gaugeUnits.get('wal')).toBe('KiB');
  });

  it('pairs faults into intervals and tracks node state from container events', () => {
    const m = new RunModel('r').applyAll([
      {
        type: 'topology',
        t: 0,
        containers: [{ name: 'order-2', role: 'svc', image: 'i', state: 'running' }],
        links: [],
      },
      {
        type: 'fault',
        t: 100,
        id: 'f1',
        request: { kind: 'kill', target: 'order-2' },
        source: 'user',
        state: 'requested',
      },
      { type: 'container', t: 150, name: 'order-2', containerId: 'x', action: 'kill' },
      { type: 'container', t: 151, name: 'order-2', containerId: 'x', action: 'die', exitCode: 137 },
      {
        type: 'fault',
        t: 152,
        id: 'f1',
        request: { kind: 'kill', target: 'order-2' },
        source: 'user',
        state: 'applied',
        tookMs: 52,
      },
      {
        type: 'fault',
        t: 400,
        id: 'f2',
        request: { kind: 'partition', target: 'order-2', peer: 'lb' },
        source: 'user',
        state: 'applied',
      },
    ]);
    expect(m.nodes.get('order-2')).toMatchObject({ state: 'exited', exitCode: 137, partitioned: ['lb'] });
    expect(m.faults.map((f) => [f.kind, f.from, f.to])).toEqual([
      ['kill', 152, null],
      ['partition', 400, null],
    ]);
    m.applyAll([
      {
        type: 'fault',
        t: 900,
        id: 'f3',
        request: { kind: 'start', target: 'order-2' },
        source: 'lab',
        state: 'applied',
      },
      { type: 'container', t: 901, name: 'order-2', containerId: 'x', action: 'start' },
      {
        type: 'fault',
        t: 950,
        id: 'f4',
        request: { kind: 'heal', target: 'order-2' },
        source: 'user',
        state: 'applied',
      },
    ]);
    expect(m.faults.map((f) => [f.kind, f.from, f.to])).toEqual([
      ['kill', 152, 900],
      ['partition', 400, 950],
    ]);
    expect(m.nodes.get('order-2')).toMatchObject({ state: 'running', partitioned: [] });
    expect(m.timeline.length).toBe(8);
  });

  it('follows a whole fake run: verdict, end, kill interval closed, divergence back to a steady value', () => {
    const run = new FakeRun({
      runId: 'r',
      scenario: 'split-stores',
      params: { rate: 10, durationS: 8, mode: 'file' },
      seed: 3,
      startedAt: new Date(0),
      schedule: [{ at: 3000, fault: { kind: 'kill', target: 'order-2', durationMs: 2000 } }],
    });
    run.sim.advance(Infinity);
    const m = new RunModel('r').applyAll(run.events);
    expect(m.complete).toBe(true);
    expect(m.status).toBe('completed');
    expect(m.verdict?.valid).toBe(false);
    expect(m.faults).toHaveLength(1);
    expect(m.faults[0].to! - m.faults[0].from).toBeGreaterThanOrEqual(2000);
    expect(m.missing.get('order-2')!.some((p) => p.v === null)).toBe(true);
    expect(m.nodes.get('order-2')!.state).toBe('removed');
  });
});
