import { describe, expect, it } from 'vitest';
import { pairFaults, faultLabel } from './fault-intervals';
import type { FaultKind, FaultSource, RunEvent } from '../events';

let n = 0;
const f = (
  t: number,
  kind: FaultKind,
  target: string,
  state: 'requested' | 'applied' | 'failed' | 'healed' = 'applied',
  source: FaultSource = 'lab',
  extra: { id?: string; peer?: string; tookMs?: number } = {},
): RunEvent => ({
  type: 'fault',
  t,
  id: extra.id ?? `f${++n}`,
  request: { kind, target, ...(extra.peer ? { peer: extra.peer } : {}) },
  source,
  state,
  ...(extra.tookMs !== undefined ? { tookMs: extra.tookMs } : {}),
});

describe('pairFaults', () => {
  it('pairs kill with start, pause with unpause, partition with heal', () => {
    const faults = pairFaults([
      f(100, 'kill', 'a', 'applied', 'lab', { id: 'k' }),
      f(150, 'pause', 'b', 'applied', 'user', { id: 'p' }),
      f(200, 'partition', 'c', 'applied', 'lab', { id: 'x', peer: 'kafka' }),
      f(300, 'unpause', 'b', 'applied', 'user'),
      f(400, 'start', 'a', 'applied', 'external'),
      f(500, 'heal', 'c'),
    ]);
    expect(faults).toEqual([
      { id: 'k', kind: 'kill', target: 'a', at: 100, until: 400, source: 'lab', healedBy: 'external' },
      { id: 'p', kind: 'pause', target: 'b', at: 150, until: 300, source: 'user', healedBy: 'user' },
      {
        id: 'x',
        kind: 'partition',
        target: 'c',
        peer: 'kafka',
        at: 200,
        until: 500,
        source: 'lab',
        healedBy: 'lab',
      },
    ]);
  });

  it('leaves a fault that was never healed open, and ignores requested and failed ones', () => {
    const faults = pairFaults([
      f(10, 'kill', 'a', 'requested'),
      f(20, 'stop', 'b', 'failed'),
      f(30, 'kill', 'a'),
    ]);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ kind: 'kill', target: 'a', at: 30, until: null });
  });

  it('closes a fault on its own healed state, and heals only faults of the same target', () => {
    const faults = pairFaults([
      f(10, 'latency', 'db', 'applied', 'lab', { id: 'L' }),
      f(20, 'start', 'other'),
      f(90, 'latency', 'db', 'healed', 'lab', { id: 'L' }),
    ]);
    expect(faults).toEqual([
      { id: 'L', kind: 'latency', target: 'db', at: 10, until: 90, source: 'lab', healedBy: 'lab' },
    ]);
  });

  it('treats a restart of a running container as its own fault, from request to applied', () => {
    const faults = pairFaults([
      f(100, 'restart', 'a', 'requested', 'user', { id: 'r' }),
      f(900, 'restart', 'a', 'applied', 'user', { id: 'r', tookMs: 800 }),
    ]);
    expect(faults).toEqual([
      { id: 'r', kind: 'restart', target: 'a', at: 100, until: 900, source: 'user', healedBy: 'user' },
    ]);
  });

  it('a restart heals an earlier kill instead of adding a fault; an external die after a kill is not a second fault', () => {
    const faults = pairFaults([
      f(100, 'kill', 'a'),
      f(105, 'kill', 'a', 'applied', 'external'),
      f(300, 'restart', 'a'),
    ]);
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ at: 100, until: 300 });
  });

  it('labels a fault with its target and peer', () => {
    expect(faultLabel({ kind: 'kill', target: 'order-2' })).toBe('kill order-2');
    expect(faultLabel({ kind: 'partition', target: 'order-1', peer: 'kafka' })).toBe(
      'partition order-1 / kafka',
    );
  });
});
