import { describe, it, expect } from 'vitest';
import type { Op } from '../../main/engine/history';
import type { RunEvent, StoreSnapshot } from '../../main/engine/events';
import type { CheckInput } from '../../main/engine/scenario';
import { ackRanks, orderViolations, perUserOrder } from './order-check';
import { lostEvents } from './lost-events';
import { divergencePeak, spreadSeries } from './divergence-peak';

let time = 0;
/** One user's acknowledged add (invoke + ok), Kafka partition in the ok value. */
function add(user: string, id: string, partition: number, type: Op['type'] = 'ok'): Op[] {
  return [
    { process: user, type: 'invoke', f: 'add', value: { id, user }, time: time++ },
    { process: user, type, f: 'add', value: { id, user, partition, offset: String(time) }, time: time++ },
  ];
}

const store = (name: string, ids: string[], available = true): StoreSnapshot => ({
  name,
  ids,
  rows: ids.length,
  available,
});

function input(history: Op[], finalStores: StoreSnapshot[], events: RunEvent[] = []): CheckInput {
  return { params: {}, history, finalStores, events };
}

const history = [
  ...add('user-1', 'a1', 0),
  ...add('user-2', 'b1', 1),
  ...add('user-1', 'a2', 1),
  ...add('user-1', 'a3', 0),
  ...add('user-2', 'b2', 0, 'info'),
];

describe('per-user order', () => {
  it('ranks each user’s acknowledged orders', () => {
    const r = ackRanks(input(history, []));
    expect([...r.entries()].map(([id, a]) => [id, a.user, a.rank, a.partition])).toEqual([
      ['a1', 'user-1', 0, 0],
      ['a2', 'user-1', 1, 1],
      ['a3', 'user-1', 2, 0],
      ['b1', 'user-2', 0, 1],
    ]);
  });

  it('counts events applied after a later-acknowledged one of the same user; redeliveries and unacknowledged ids do not count', () => {
    const acked = ackRanks(input(history, []));
    expect(orderViolations('s', ['a1', 'b2', 'b1', 'a2', 'a1', 'a3'], acked)).toEqual([]);
    expect(orderViolations('s', ['a3', 'a1', 'a2'], acked).map((v) => [v.id, v.appliedAfter])).toEqual([
      ['a1', 'a3'],
      ['a2', 'a3'],
    ]);
  });

  it('checks every readable log store, not the state stores', () => {
    const r = perUserOrder().check(
      input(history, [
        store('order-1', ['a3', 'a1', 'a2', 'b1']),
        store('order-1:log', ['a1', 'a2', 'a3', 'b1']),
        store('order-2:log', ['a2', 'a1', 'b1', 'a3']),
      ]),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'order-violation': 1 });
    expect(r.stats).toMatchObject({ perStore: { 'order-1:log': 0, 'order-2:log': 1 }, crossPartition: 1 });
    expect(perUserOrder().check(input(history, [store('order-1:log', [], false)])).valid).toBe('unknown');
  });
});

describe('lost events', () => {
  it('counts acknowledged events no log holds, wherever the state holds them', () => {
    const r = lostEvents().check(
      input(history, [
        store('order-1', ['a1', 'a2', 'a3', 'b1']),
        store('order-1:log', ['a1', 'b1']),
        store('order-2:log', ['a1', 'a3']),
      ]),
    );
    expect(r.anomalies).toEqual({ 'lost-event': 1 });
    expect(r.examples['lost-event']).toEqual([
      expect.objectContaining({ id: 'a2', user: 'user-1', partition: 1 }),
    ]);
    expect(r.valid).toBe(false);
    const unknown = lostEvents().check(
      input(history, [store('order-1:log', ['a1', 'b1', 'a3']), store('order-2:log', [], false)]),
    );
    expect(unknown.valid).toBe('unknown');
  });
});

describe('divergence', () => {
  const sample = (t: number, s: string, ids: string[] | null): RunEvent => ({
    type: 'sample',
    t,
    probe: 'rows',
    store: s,
    rows: ids ? ids.length : null,
    ids: ids ?? undefined,
  });

  it('measures how far the state stores were apart, and what acknowledged orders one missed', () => {
    const events = [
      sample(100, 'order-1', ['a1']),
      sample(101, 'order-2', []),
      sample(102, 'order-2:log', []),
      sample(200, 'order-1', ['a1', 'a2']),
      sample(201, 'order-2', null),
      sample(300, 'order-2', ['a1', 'a2']),
    ];
    // At 201 order-2 could not be read: no judgement then.
    expect(spreadSeries(events)).toEqual([
      { t: 101, spread: 1 },
      { t: 200, spread: 2 },
      { t: 300, spread: 0 },
    ]);
    const r = divergencePeak().check(input(history, [], events));
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ spread: { value: 2, at: 200 } });
  });

  it("leaves the consumer groups' lag (gauges) out of the spread", () => {
    const lag = (t: number, g: string, v: number): RunEvent => ({
      type: 'sample',
      t,
      probe: 'kafka-lag',
      store: `lag:${g}`,
      rows: v,
      kind: 'gauge',
      unit: 'messages',
    });
    const events = [
      sample(100, 'order-1', ['a1']),
      lag(100, 'sync-order-1', 0),
      sample(101, 'order-2', []),
      lag(150, 'sync-order-2', 4),
      sample(200, 'order-1', ['a1', 'a2']),
    ];
    expect(spreadSeries(events)).toEqual([
      { t: 101, spread: 1 },
      { t: 200, spread: 2 },
    ]);
  });
});
