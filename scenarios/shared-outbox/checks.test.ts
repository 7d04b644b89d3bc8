import { describe, it, expect } from 'vitest';
import type { CheckInput } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import type { RunEvent, StoreSnapshot } from '../../main/engine/events';
import { deliveryLatency, duplicateEffects, lostEvents, percentile, relayPolling } from './checks';
import { STORE } from './names';

const snap = (name: string, ids: string[], available = true): StoreSnapshot => ({
  name,
  ids,
  rows: ids.length,
  available,
});

function input(stores: StoreSnapshot[], history: Op[] = [], events: RunEvent[] = []): CheckInput {
  return { params: {}, history, finalStores: stores, events };
}

const add = (id: string, t: number, type: Op['type']): Op[] => [
  { process: 'client', type: 'invoke', f: 'add', value: { id }, time: t },
  { process: 'client', type, f: 'add', value: { id }, time: t + 10 },
];

describe('lostEvents', () => {
  it('counts orders committed but never applied, whatever the client saw', () => {
    const r = lostEvents().check(
      input([snap(STORE.orders, ['a', 'b', 'c']), snap(STORE.effects, ['a', 'c', 'c'])], add('b', 0, 'info')),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'lost-event': 1, 'phantom-event': 0 });
    expect(r.examples['lost-event']).toEqual([{ id: 'b', clientSaw: 'info' }]);
  });

  it('is valid when every committed order was applied (duplicates are another check)', () => {
    const r = lostEvents().check(input([snap(STORE.orders, ['a']), snap(STORE.effects, ['a', 'a'])]));
    expect([r.valid, r.anomalies['lost-event']]).toEqual([true, 0]);
  });

  it('reports unsent outbox rows and phantom effects', () => {
    const r = lostEvents().check(
      input([snap(STORE.orders, ['a', 'b']), snap(STORE.outboxSent, ['a']), snap(STORE.effects, ['a', 'z'])]),
    );
    expect(r.anomalies).toEqual({ 'lost-event': 1, 'phantom-event': 1 });
    expect(r.summary).toMatch(/1 outbox rows still unsent/);
    expect(r.examples['lost-event']).toEqual([
      { id: 'b', clientSaw: 'not placed by the client', outboxSent: false },
    ]);
  });

  it('is unknown when a store could not be read', () => {
    const r = lostEvents().check(input([snap(STORE.orders, [], false), snap(STORE.effects, ['a'])]));
    expect(r.valid).toBe('unknown');
  });
});

describe('duplicateEffects', () => {
  it('counts extra applications per event', () => {
    const r = duplicateEffects().check(
      input([snap(STORE.orders, ['a']), snap(STORE.effects, ['a', 'b', 'a', 'b', 'b', 'c'])]),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'duplicate-effect': 3 });
    expect(r.examples['duplicate-effect']).toEqual([
      { id: 'a', applied: 2 },
      { id: 'b', applied: 3 },
    ]);
  });
  it('0 when each event was applied once; unknown when unreadable', () => {
    expect(duplicateEffects().check(input([snap(STORE.effects, ['a', 'b'])])).valid).toBe(true);
    expect(duplicateEffects().check(input([snap(STORE.effects, [], false)])).valid).toBe('unknown');
  });
});

describe('deliveryLatency', () => {
  it('measures from the request to the first sample that shows the effect', () => {
    const events: RunEvent[] = [
      { type: 'sample', t: 100, probe: 'rows', store: STORE.effects, rows: 0, ids: [] },
      { type: 'sample', t: 200, probe: 'rows', store: STORE.effects, rows: 1, ids: ['a'] },
      { type: 'sample', t: 300, probe: 'rows', store: STORE.effects, rows: 2, ids: ['a', 'b'] },
    ];
    const r = deliveryLatency(100).check(input([], [...add('a', 50, 'ok'), ...add('b', 150, 'ok')], events));
    expect(r.stats).toMatchObject({ n: 2, p50: 150, max: 150 });
    expect(r.valid).toBe(true);
  });
  it('percentile by nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('relayPolling', () => {
  it('reports the relay numbers recorded by the settle op', () => {
    const history: Op[] = [
      { process: 'client', type: 'invoke', f: 'settle', value: undefined, time: 0 },
      {
        process: 'client',
        type: 'ok',
        f: 'settle',
        value: {
          relay: { pollMs: 200, queriesPerSecond: 5.2, latencyMs: { n: 30, p50: 110, p95: 190, max: 1900 } },
          consumer: { messagesOnTopic: 31 },
        },
        time: 10,
      },
    ];
    const r = relayPolling().check(input([], history));
    expect(r.summary).toMatch(/5.2 queries\/s/);
    expect(r.summary).toMatch(/p50 110 ms/);
    expect(r.summary).toMatch(/31 messages on the topic/);
    expect(r.valid).toBe(true);
  });
});
