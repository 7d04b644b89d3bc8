import { describe, it, expect } from 'vitest';
import type { Op } from '../../main/engine/history';
import { op, store, input } from '../../main/engine/checks/history.fixture';
import { hotProduct, finalStockRead } from './stock-check';

/** A buy by `process` of sale `id`: invoke at t, completion at t+5 (ok carries read/wrote). */
function buy(process: string, id: string, t: number, outcome: 'ok' | 'fail' | 'info', wrote?: number): Op[] {
  const done = outcome === 'ok' ? { id, node: 'order-1', read: (wrote ?? 0) + 1, wrote } : { id };
  return [
    op(process, 'invoke', 'buy', { id }, t),
    op(process, outcome, 'buy', done, t + 5, outcome === 'fail' ? { error: 'HTTP 409: sold out' } : {}),
  ];
}

function stockRead(process: string, t: number, stock: number, sold: number, ok = true): Op[] {
  return [
    op(process, 'invoke', 'stock', undefined, t),
    ok
      ? op(process, 'ok', 'stock', { stock, sold, ids: [] }, t + 2)
      : op(process, 'fail', 'stock', undefined, t + 2, { error: 'HTTP 503' }),
  ];
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i + 1}`);

function check(history: Op[], soldIds: string[], initial: number, storeAvailable = true) {
  const i = input(history, [store('sales', soldIds, storeAvailable), store('orders', ['o1'])]);
  return hotProduct().check({ ...i, params: { stock: initial } });
}

describe('hotProduct', () => {
  it('lock-like: 3 units, 5 buyers: 3 sold, 2 refused, stock 0: valid', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 2),
      ...buy('b2', 's2', 10, 'ok', 1),
      ...buy('b3', 's3', 20, 'ok', 0),
      ...buy('b4', 's4', 30, 'fail'),
      ...buy('b5', 's5', 40, 'fail'),
      ...stockRead('b5', 50, 0, 3),
    ];
    const r = check(h, ids(3), 3);
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ oversell: 0, 'lost-update': 0 });
    expect(r.stats).toMatchObject({ soldRows: 3, finalStock: 0, acknowledged: 3, failed: 2 });
  });

  it('naive-like: 3 units, 5 sales acknowledged, stock 0: oversell 2, lost updates 2: invalid', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 2),
      ...buy('b2', 's2', 1, 'ok', 2),
      ...buy('b3', 's3', 20, 'ok', 1),
      ...buy('b4', 's4', 21, 'ok', 1),
      ...buy('b5', 's5', 40, 'ok', 0),
      ...stockRead('b5', 50, 0, 5),
    ];
    const r = check(h, ids(5), 3);
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ oversell: 2, 'lost-update': 2 });
    // The oversold units are the 4th and 5th sale rows; the lost updates, sales that wrote the same value.
    expect(r.examples.oversell).toEqual([
      { sale: 's4', unit: 4, initialStock: 3 },
      { sale: 's5', unit: 5, initialStock: 3 },
    ]);
    expect(r.examples['lost-update']).toEqual([
      { wrote: 2, sales: ['s1', 's2'] },
      { wrote: 1, sales: ['s3', 's4'] },
    ]);
    expect(r.summary).toMatch(/oversell 2, lost updates 2/);
  });

  it('a lost update without oversell is still invalid', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 4),
      ...buy('b2', 's2', 1, 'ok', 4),
      ...buy('b3', 's3', 2, 'ok', 4),
      ...stockRead('b3', 10, 4, 3),
    ];
    const r = check(h, ids(3), 5);
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ oversell: 0, 'lost-update': 2 });
  });

  it('a sale with unknown outcome that did commit is neither oversell nor a lost update', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 2),
      ...buy('b2', 's2', 10, 'ok', 1),
      ...buy('b3', 's3', 20, 'info'),
      ...stockRead('b3', 30, 0, 3),
    ];
    const r = check(h, ids(3), 3);
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ unknownOutcome: 1, lostUpdates: 0, oversell: 0 });
  });

  it('a stock read invoked before the last buy completed cannot give the final stock: unknown', () => {
    const h = [
      op('b1', 'invoke', 'buy', { id: 's1' }, 0),
      ...stockRead('b2', 1, 3, 0),
      op('b1', 'ok', 'buy', { id: 's1', wrote: 2 }, 10),
    ];
    const r = check(h, ids(1), 3);
    expect(r.valid).toBe('unknown');
    expect(r.anomalies).toEqual({ oversell: 0 });
    expect(r.summary).toMatch(
      /final stock unknown \(no stock read was invoked after the last buy completed\)/,
    );
  });

  it('the last read failed, an earlier one came after every buy: it is used', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 2),
      ...stockRead('b1', 10, 2, 1),
      ...stockRead('b2', 20, 0, 0, false),
    ];
    expect(finalStockRead(input(h, []), 'buy', 'stock').read).toMatchObject({ stock: 2, sold: 1 });
  });

  it('sales store unreadable: sale rows from the final read; none at all: unknown', () => {
    const h = [...buy('b1', 's1', 0, 'ok', 0), ...buy('b2', 's2', 1, 'ok', 0), ...stockRead('b2', 10, 0, 2)];
    const fromRead = check(h, [], 1, false);
    expect(fromRead.anomalies.oversell).toBe(1);
    expect(fromRead.stats).toMatchObject({ soldFrom: 'the final stock read' });
    const blind = check(buy('b1', 's1', 0, 'ok', 0), [], 1, false);
    expect(blind.valid).toBe('unknown');
  });

  it('no buys: nothing to check, valid', () => {
    expect(check([], [], 20).valid).toBe(true);
  });

  it('a missing initial-stock param is an error (checkSafe turns it into unknown)', () => {
    const i = input([], []);
    expect(() => hotProduct().check(i)).toThrow(/initial stock/);
  });

  it('a run of 200,000 buys is checked (no spread of every buy into Math.max)', () => {
    const h: Op[] = [];
    for (let i = 0; i < 200_000; i++)
      h.push(...buy(`b${i % 50}`, `s${i}`, i, i < 100 ? 'ok' : 'fail', 99 - i));
    h.push(...stockRead('b0', 300_000, 0, 100));
    const r = check(h, ids(100), 100);
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ acknowledged: 100, failed: 199_900, finalStock: 0, lostUpdates: 0 });
  });

  it('lost-update examples list the sales that wrote the same stock value, in order', () => {
    const h = [
      ...buy('b1', 's1', 0, 'ok', 1),
      ...buy('b2', 's2', 1, 'ok', 1),
      ...buy('b3', 's3', 2, 'ok', 0),
      ...buy('b4', 's4', 3, 'ok', 1),
      ...stockRead('b1', 50, 0, 4),
    ];
    const r = check(h, ids(4), 2);
    expect(r.examples['lost-update']).toEqual([{ wrote: 1, sales: ['s1', 's2', 's4'] }]);
  });
});
