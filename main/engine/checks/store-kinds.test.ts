import { describe, expect, it } from 'vitest';
import type { RunEvent, StoreSnapshot } from '../events';
import { input, op, store } from './history.fixture';
import { lostWrites } from './lost-writes';
import { splitData } from './split-data';
import { duplicates } from './duplicates';
import { storeCounts } from './store-counts';
import { gaugeSamples, gaugeUnits, rowSamples, rowStores } from './store-kinds';

const gauge = (name: string, ids: string[], unit?: string): StoreSnapshot => ({
  ...store(name, ids),
  kind: 'gauge',
  ...(unit ? { unit } : {}),
});

// Two acknowledged adds; the store of rows holds a only; the DLQ gauge holds b (twice).
const history = [
  op('c', 'invoke', 'add', { id: 'a' }, 0),
  op('c', 'ok', 'add', { id: 'a' }, 10),
  op('c', 'invoke', 'add', { id: 'b' }, 20),
  op('c', 'ok', 'add', { id: 'b' }, 30),
];
const finals = [store('orders', ['a']), gauge('dlq', ['b', 'b'], 'messages')];

describe('generic checks with a gauge among the final stores', () => {
  it('lost-writes: an id a gauge holds is still lost, and is not "last seen" in the gauge', () => {
    const events: RunEvent[] = [
      { type: 'sample', t: 40, probe: 'rows', store: 'dlq', rows: 1, ids: ['b'], kind: 'gauge' },
    ];
    const r = lostWrites().check(input(history, finals, events));
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'lost-write': 1 });
    expect(r.summary).not.toContain('last seen in dlq');
  });

  it('lost-writes: a run whose only final store is a gauge read no store of rows', () => {
    const r = lostWrites().check(input(history, [gauge('wal', ['0/0'])]));
    expect(r.valid).toBe('unknown');
  });

  it('split-data: the most complete store is chosen among the stores of rows', () => {
    const r = splitData().check(input(history, [store('orders', ['a', 'b']), gauge('dlq', ['a', 'b'])]));
    expect(r.valid).toBe(true);
    expect(r.stats?.perStore).not.toHaveProperty('dlq');
  });

  it('duplicates: repeated ids in a gauge are not writes applied twice', () => {
    const r = duplicates().check(input(history, finals));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ duplicate: 0 });
  });

  it('store-counts labels a gauge with its unit', () => {
    const r = storeCounts().check(input(history, finals));
    expect(r.summary).toBe('orders: 1 row, dlq: 2 messages (gauge)');
    expect(r.stats?.stores).toMatchObject({ dlq: { kind: 'gauge', unit: 'messages', rows: 2 } });
  });
});

describe('store kinds', () => {
  const events: RunEvent[] = [
    { type: 'sample', t: 0, probe: 'rows', store: 's', rows: 0, ids: [] },
    { type: 'sample', t: 0, probe: 'kafka-lag', store: 'lag:g', rows: null, kind: 'gauge' },
    { type: 'sample', t: 1, probe: 'kafka-lag', store: 'lag:g', rows: 3, kind: 'gauge', unit: 'messages' },
  ];

  it('splits samples and stores by kind; no kind means rows', () => {
    expect(rowSamples(events).map((e) => e.store)).toEqual(['s']);
    expect(gaugeSamples(events).map((e) => e.t)).toEqual([0, 1]);
    expect(rowStores(finals).map((s) => s.name)).toEqual(['orders']);
  });

  it('finds each gauge unit from the first sample that names one', () => {
    expect([...gaugeUnits(events)]).toEqual([['lag:g', 'messages']]);
  });
});
