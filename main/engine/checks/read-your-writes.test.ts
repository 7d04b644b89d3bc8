import { describe, expect, it } from 'vitest';
import { readYourWrites } from './read-your-writes';
import { input, op } from './history.fixture';

const add = (p: string, id: string, t: number, outcome: 'ok' | 'fail' | 'info' = 'ok', node = 'order-1') => [
  op(p, 'invoke', 'add', { id }, t),
  op(p, outcome, 'add', { id }, t + 5, { node }),
];
const list = (p: string, ids: string[], t: number, node = 'order-1') => [
  op(p, 'invoke', 'list', null, t),
  op(p, 'ok', 'list', { ids }, t + 5, { node }),
];

describe('readYourWrites', () => {
  it("is valid when each read shows the reader's acknowledged adds and never goes backwards", () => {
    const h = [
      ...add('c1', 'o1', 0),
      ...list('c1', ['o1'], 20),
      ...add('c1', 'o2', 40),
      ...list('c1', ['o1', 'o2'], 60),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ 'read-your-writes': 0, 'monotonic-read': 0 });
  });

  it("flags a read missing the reader's own acknowledged add, naming ids, time and server", () => {
    const h = [
      ...add('c1', 'o1', 0, 'ok', 'order-1'),
      ...add('c1', 'o2', 20, 'ok', 'order-2'),
      ...list('c1', ['o1'], 40, 'order-1'),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.valid).toBe(false);
    expect(r.anomalies['read-your-writes']).toBe(1);
    expect(r.examples['read-your-writes']).toEqual([
      { readIndex: 5, process: 'c1', time: 45, invokedAt: 40, missing: ['o2'], servedBy: 'order-1' },
    ]);
    expect(r.summary).toContain('1 of 1 reads');
  });

  it('counts each violating read once, however many ids it misses', () => {
    const h = [
      ...add('c1', 'o1', 0),
      ...add('c1', 'o2', 10),
      ...list('c1', [], 20),
      ...list('c1', ['o1'], 30),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.anomalies['read-your-writes']).toBe(2);
  });

  it("ignores other processes' writes, info and failed adds, and reads that did not complete ok", () => {
    const h = [
      ...add('c2', 'x', 0),
      ...add('c1', 'o1', 10, 'info'),
      ...add('c1', 'o2', 20, 'fail'),
      op('c1', 'invoke', 'list', null, 30),
      op('c1', 'fail', 'list', null, 35),
      ...list('c1', [], 40),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.valid).toBe(true);
  });

  it('does not expect an add acknowledged after the read was invoked (concurrent processes interleaved)', () => {
    const h = [
      op('c1', 'invoke', 'list', null, 0),
      op('c2', 'invoke', 'add', { id: 'o1' }, 1),
      op('c2', 'ok', 'add', { id: 'o1' }, 2),
      op('c1', 'ok', 'list', { ids: [] }, 3),
      ...list('c2', ['o1'], 4),
    ];
    expect(readYourWrites().check(input(h, [])).valid).toBe(true);
  });

  it('flags a monotonic-read violation: an id seen earlier is missing later', () => {
    // c1 reads o9 (someone else's) then no longer sees it.
    const h = [...list('c1', ['o9'], 0, 'order-1'), ...list('c1', [], 10, 'order-2')];
    const r = readYourWrites().check(input(h, []));
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'read-your-writes': 0, 'monotonic-read': 1 });
    expect(r.examples['monotonic-read']).toEqual([
      expect.objectContaining({ missing: ['o9'], servedBy: 'order-2', time: 15 }),
    ]);
  });

  it('uses the configured function names', () => {
    const h = [
      op('u', 'invoke', 'place', { id: 'a' }, 0),
      op('u', 'ok', 'place', { id: 'a' }, 1),
      op('u', 'invoke', 'orders', null, 2),
      op('u', 'ok', 'orders', { ids: [] }, 3),
    ];
    expect(readYourWrites({ addF: 'place', readF: 'orders' }).check(input(h, [])).valid).toBe(false);
    expect(readYourWrites().check(input(h, [])).valid).toBe(true);
  });

  it('shows the first five violations by time, ties in the order of the readers first reads', () => {
    // c2 reads first, then c1; each misses its own add at every read; c1's reads end at
    // the same times as c2's.
    const h = [
      ...add('c2', 'b', 0),
      ...add('c1', 'a', 1),
      ...[20, 40, 60].flatMap((t) => [...list('c2', [], t), ...list('c1', ['x'], t)]),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.anomalies).toEqual({ 'read-your-writes': 6, 'monotonic-read': 0 });
    const shown = r.examples['read-your-writes'] as { process: string; time: number; missing: string[] }[];
    expect(shown.map((v) => `${v.process}@${v.time}:${v.missing.join('')}`)).toEqual([
      'c2@25:b',
      'c1@25:a',
      'c2@45:b',
      'c1@45:a',
      'c2@65:b',
    ]);
    expect(r.summary).toBe(
      "6 of 6 reads missed the reader's own acknowledged writes (first at 0.0s via order-1, missing b)",
    );
  });

  it('lists a missing id once per acknowledgement, and an id a read lists twice once', () => {
    const h = [
      ...add('c1', 'a', 0),
      ...add('c1', 'a', 10),
      ...list('c1', ['z', 'z'], 20),
      ...list('c1', [], 30),
    ];
    const r = readYourWrites().check(input(h, []));
    expect(r.anomalies).toEqual({ 'read-your-writes': 2, 'monotonic-read': 1 });
    expect(r.examples['read-your-writes']).toEqual([
      expect.objectContaining({ missing: ['a', 'a'] }),
      expect.objectContaining({ missing: ['a', 'a'] }),
    ]);
    expect(r.examples['monotonic-read']).toEqual([expect.objectContaining({ missing: ['z'], time: 35 })]);
  });
});
