import { describe, it, expect } from 'vitest';
import type { RunEvent } from '../../main/engine/events';
import type { Op } from '../../main/engine/history';
import { op, input } from '../../main/engine/checks/history.fixture';
import { availability, NO_INSTANCE } from './availability';

const fault = (t: number, id: string, kind: 'kill' | 'start', state: 'requested' | 'applied'): RunEvent => ({
  type: 'fault',
  t,
  id,
  request: { kind, target: 'db' },
  source: 'lab',
  state,
});

function add(
  process: string,
  t: number,
  type: 'ok' | 'fail' | 'info',
  node: string | undefined,
  error?: string,
  took = 5,
): Op[] {
  return [
    op(process, 'invoke', 'add', { id: `${process}-${t}` }, t),
    op(process, type, 'add', { id: `${process}-${t}` }, t + took, { node, error }),
  ];
}

const events = [
  fault(900, 'f1', 'kill', 'requested'),
  fault(1000, 'f1', 'kill', 'applied'),
  fault(2500, 'f2', 'start', 'requested'),
  fault(4000, 'f2', 'start', 'applied'),
];
const rejected = (o: Op) => /^HTTP 409/.test(o.error ?? '');

describe('availability', () => {
  it('reports, per instance, the share of ops that failed while the database was down', () => {
    const h = [
      ...add('u1', 100, 'ok', 'order-1'),
      ...add('u2', 200, 'fail', 'order-2', 'HTTP 409: sold out'),
      ...add('u1', 950, 'fail', 'order-1', 'HTTP 503'), // after the kill was sent
      ...add('u2', 1500, 'fail', 'order-2', 'HTTP 503'),
      ...add('u1', 2000, 'info', 'order-1', 'HTTP 500'),
      ...add('u2', 3000, 'fail', undefined, 'HTTP 503 (no instance available)'),
      ...add('u1', 4500, 'ok', 'order-1'),
      ...add('u2', 4600, 'ok', 'order-2'),
    ];
    const r = availability({ target: 'db', isRejection: rejected }).check({ ...input(h, [], events) });
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({});
    const s = r.stats as Record<string, Record<string, unknown>>;
    expect(s.outages).toEqual([{ kind: 'kill', source: 'lab', from: 900, to: 4000, healed: true }]);
    expect(s.during['order-1']).toEqual({ ops: 2, ok: 0, rejected: 0, fail: 1, info: 1, failedShare: 1 });
    expect(s.during['order-2']).toEqual({ ops: 1, ok: 0, rejected: 0, fail: 1, info: 0, failedShare: 1 });
    expect(s.during[NO_INSTANCE]).toMatchObject({ ops: 1, fail: 1 });
    // Sold out is an answer, not unavailability.
    expect(s.outside['order-2']).toEqual({ ops: 2, ok: 1, rejected: 1, fail: 0, info: 0, failedShare: 0 });
    expect(r.summary).toMatch(/db down 1 time for 3\.1 s/);
    expect(r.summary).toMatch(/order-1 2\/2 \(100%\), order-2 1\/1 \(100%\)/);
  });

  it('an op in flight when the database died counts as during the outage', () => {
    const h = add('u1', 800, 'fail', 'order-1', 'HTTP 503', 2000);
    const r = availability({ target: 'db' }).check(input(h, [], events));
    expect((r.stats as { during: Record<string, unknown> }).during['order-1']).toMatchObject({
      ops: 1,
      fail: 1,
    });
  });

  it('a database never down: everything is outside, and a kill of another container is ignored', () => {
    const other: RunEvent[] = [
      {
        type: 'fault',
        t: 10,
        id: 'f1',
        request: { kind: 'kill', target: 'order-2' },
        source: 'lab',
        state: 'applied',
      },
    ];
    const r = availability({ target: 'db' }).check(input(add('u1', 100, 'ok', 'order-1'), [], other));
    expect(r.summary).toBe('db was never down; 0/1 (0%) ops did not succeed');
  });

  it('an outage never healed lasts until the end of the run', () => {
    const r = availability({ target: 'db' }).check(
      input(add('u1', 3000, 'fail', 'order-1', 'HTTP 503'), [], [fault(1000, 'f1', 'kill', 'applied')]),
    );
    const s = r.stats as { outages: unknown[]; during: Record<string, unknown> };
    expect(s.outages).toEqual([{ kind: 'kill', source: 'lab', from: 1000, to: 3005, healed: false }]);
    expect(s.during['order-1']).toMatchObject({ ops: 1, fail: 1 });
  });
});
