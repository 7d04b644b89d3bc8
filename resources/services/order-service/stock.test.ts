import { describe, it, expect } from 'vitest';
import { createStockStore, parseConcurrency, type Concurrency } from './stock';
import { fakeDb, sellElsewhere } from './pg-fake.fixture';

function store(
  stock: number,
  mode: Concurrency,
  duringThink?: (db: ReturnType<typeof fakeDb>) => void,
  retries = 3,
) {
  const db = fakeDb(stock);
  const thinks: number[] = [];
  const s = createStockStore(db, {
    product: 'hot',
    mode,
    thinkMs: 20,
    retries,
    node: 'order-1',
    sleep: async (ms) => {
      thinks.push(ms);
      duringThink?.(db);
    },
  });
  return { db, s, thinks };
}

describe('stock: naive read-modify-write', () => {
  it('reads, thinks, writes read-1 and a sale row, in one transaction', async () => {
    const { db, s, thinks } = store(3, 'naive');
    expect(await s.buy('b1')).toEqual({ kind: 'sold', id: 'b1', read: 3, wrote: 2, attempts: 1 });
    expect(thinks).toEqual([20]);
    expect(db.log[0]).toBe('BEGIN');
    expect(db.log[1]).not.toMatch(/FOR UPDATE/);
    expect(db.log.at(-1)).toBe('COMMIT');
    expect({ stock: db.stock, sales: db.sales.length }).toEqual({ stock: 2, sales: 1 });
  });

  it('loses the other buyer’s decrement when it sold during the think time', async () => {
    let once = true;
    const { db, s } = store(3, 'naive', (d) => {
      if (once) sellElsewhere(d, 'other', false);
      once = false;
    });
    await s.buy('b1');
    // Two sales, but the stock went down by one: a lost update.
    expect(db.sales.map((x) => x.id)).toEqual(['other', 'b1']);
    expect(db.stock).toBe(2);
  });

  it('answers sold out without writing when the stock is 0', async () => {
    const { db, s } = store(0, 'naive');
    expect(await s.buy('b1')).toEqual({ kind: 'sold-out', read: 0, attempts: 1 });
    expect(db.log.at(-1)).toBe('ROLLBACK');
    expect(db.sales).toEqual([]);
  });

  it('a repeated sale id is a duplicate, and nothing is written', async () => {
    const { db, s } = store(3, 'naive');
    await s.buy('b1');
    expect(await s.buy('b1')).toEqual({ kind: 'duplicate' });
    expect({ stock: db.stock, sales: db.sales.length }).toEqual({ stock: 2, sales: 1 });
  });
});

describe('stock: row lock', () => {
  it('reads the row with SELECT ... FOR UPDATE inside the transaction', async () => {
    const { db, s } = store(2, 'lock');
    await s.buy('b1');
    expect(db.log[1]).toMatch(/FROM products WHERE id = \$1 FOR UPDATE$/);
    expect(db.stock).toBe(1);
  });
});

describe('stock: optimistic version column', () => {
  it('retries when the version moved, and sells on the attempt that wins', async () => {
    let conflicts = 2;
    const { db, s } = store(5, 'optimistic', (d) => {
      if (conflicts-- > 0) sellElsewhere(d, `other-${conflicts}`, true);
    });
    const r = await s.buy('b1');
    expect(r).toEqual({ kind: 'sold', id: 'b1', read: 3, wrote: 2, attempts: 3 });
    // 5 - two other sales - ours = 2: every decrement is kept.
    expect({ stock: db.stock, sales: db.sales.length }).toEqual({ stock: 2, sales: 3 });
  });

  it('gives up after the bounded retries, having written nothing', async () => {
    const { db, s } = store(50, 'optimistic', (d) => sellElsewhere(d, `other-${d.sales.length}`, true), 2);
    expect(await s.buy('b1')).toEqual({ kind: 'gave-up', attempts: 3 });
    expect(db.sales.some((x) => x.id === 'b1')).toBe(false);
  });

  it('stops at sold out', async () => {
    const { s } = store(0, 'optimistic');
    expect(await s.buy('b1')).toEqual({ kind: 'sold-out', read: 0, attempts: 1 });
  });
});

describe('stock view and parsing', () => {
  it('view returns stock, version, sold and the sale ids in order', async () => {
    const { s } = store(3, 'naive');
    await s.buy('b1');
    await s.buy('b2');
    expect(await s.view()).toEqual({ product: 'hot', stock: 1, version: 0, sold: 2, ids: ['b1', 'b2'] });
  });

  it('parseConcurrency accepts the three modes only', () => {
    expect(parseConcurrency(undefined)).toBe('naive');
    expect(parseConcurrency('lock')).toBe('lock');
    expect(parseConcurrency('optimistic')).toBe('optimistic');
    expect(() => parseConcurrency('serializable')).toThrow(/naive, lock or optimistic/);
  });
});
