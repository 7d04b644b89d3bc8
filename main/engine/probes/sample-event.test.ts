import { describe, expect, it } from 'vitest';
import { sampleEvent } from './sample-event';

describe('sampleEvent', () => {
  it('records a store of rows with its ids, and null rows when it could not be read', () => {
    expect(sampleEvent(5, 'rows', { name: 's', rows: 2, ids: ['a', 'b'], available: true })).toEqual({
      type: 'sample',
      t: 5,
      probe: 'rows',
      store: 's',
      rows: 2,
      ids: ['a', 'b'],
    });
    expect(sampleEvent(6, 'rows', { name: 's', rows: 0, ids: [], available: false })).toEqual({
      type: 'sample',
      t: 6,
      probe: 'rows',
      store: 's',
      rows: null,
    });
  });

  it('marks a gauge with its kind and unit, keeping ids only when it has some', () => {
    const lag = {
      name: 'lag:g',
      rows: 7,
      ids: [],
      available: true,
      kind: 'gauge' as const,
      unit: 'messages',
    };
    expect(sampleEvent(1, 'kafka-lag', lag)).toEqual({
      type: 'sample',
      t: 1,
      probe: 'kafka-lag',
      store: 'lag:g',
      rows: 7,
      kind: 'gauge',
      unit: 'messages',
    });
    const wal = { name: 'wal', rows: 1, ids: ['0/400'], available: true, kind: 'gauge' as const };
    expect(sampleEvent(2, 'rows', wal)).toMatchObject({ ids: ['0/400'], kind: 'gauge' });
    expect(sampleEvent(3, 'kafka-lag', { ...lag, available: false })).toMatchObject({
      rows: null,
      kind: 'gauge',
    });
  });
});
