import { describe, expect, it } from 'vitest';
import { storeCounts } from './store-counts';
import { input, store } from './history.fixture';

describe('storeCounts', () => {
  it('summarises rows per store and is always valid', () => {
    const r = storeCounts().check(
      input(
        [],
        [store('order-1', ['a', 'b', 'c']), store('order-2', ['d', 'e']), store('order-3', [], false)],
      ),
    );
    expect(r.valid).toBe(true);
    expect(r.summary).toBe('order-1: 3 rows, order-2: 2 rows, order-3: unreadable');
    expect(r.stats).toEqual({
      stores: {
        'order-1': { rows: 3, ids: 3, available: true },
        'order-2': { rows: 2, ids: 2, available: true },
        'order-3': { rows: 0, ids: 0, available: false },
      },
    });
  });

  it('says 1 row, singular', () => {
    expect(storeCounts().check(input([], [store('db', ['x'])])).summary).toBe('db: 1 row');
  });
});
