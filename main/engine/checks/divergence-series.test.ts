import { describe, expect, it } from 'vitest';
import { divergenceSeries } from './divergence-series';
import { ackedWrites } from './history-views';
import { op } from './history.fixture';
import type { RunEvent } from '../events';

describe('divergenceSeries', () => {
  const acked = [
    { id: 'a', t: 100 },
    { id: 'b', t: 300 },
  ];

  it('counts acknowledged-so-far ids missing from each sampled store', () => {
    const events: RunEvent[] = [
      { type: 'sample', t: 200, probe: 'p', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 200, probe: 'p', store: 's2', rows: 0, ids: [] },
      { type: 'sample', t: 400, probe: 'p', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 400, probe: 'p', store: 's2', rows: null },
      { type: 'sample', t: 500, probe: 'p', store: 's2', rows: 1 },
    ];
    expect(divergenceSeries(events, acked)).toEqual([
      { t: 200, store: 's1', missing: 0 },
      { t: 200, store: 's2', missing: 1 },
      { t: 400, store: 's1', missing: 1 },
      { t: 400, store: 's2', missing: null },
      { t: 500, store: 's2', missing: 1 },
    ]);
  });

  it('leaves gauges out: a lag or a WAL size is not a store missing writes', () => {
    const events: RunEvent[] = [
      { type: 'sample', t: 200, probe: 'p', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 200, probe: 'kafka-lag', store: 'lag:g', rows: 4, kind: 'gauge', unit: 'messages' },
      { type: 'sample', t: 300, probe: 'rows', store: 'wal', rows: 2, ids: ['0/0', '0/400'], kind: 'gauge' },
      { type: 'sample', t: 400, probe: 'p', store: 's1', rows: 2, ids: ['a', 'b'] },
    ];
    expect(divergenceSeries(events, acked)).toEqual([
      { t: 200, store: 's1', missing: 0 },
      { t: 400, store: 's1', missing: 0 },
    ]);
  });

  it('builds on ackedWrites, which counts only ok adds', () => {
    const h = [
      op('c', 'invoke', 'add', { id: 'a' }, 0),
      op('c', 'ok', 'add', { id: 'a' }, 10),
      op('c', 'invoke', 'add', { id: 'b' }, 20),
      op('c', 'info', 'add', { id: 'b' }, 30),
    ];
    expect(ackedWrites(h)).toEqual([{ id: 'a', t: 10 }]);
  });
});
