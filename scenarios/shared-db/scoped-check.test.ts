import { describe, it, expect } from 'vitest';
import { lostWrites } from '../../main/engine/checks';
import { op, store, input } from '../../main/engine/checks/history.fixture';
import { scoped } from './scoped-check';

describe('scoped', () => {
  const h = [op('b1', 'invoke', 'buy', { id: 's1' }, 0), op('b1', 'ok', 'buy', { id: 's1' }, 5)];

  it('checks only the named stores, under its own name and anomaly kinds', () => {
    // s1 sits in the orders store by mistake, not in sales: lost from sales.
    const i = input(h, [store('orders', ['s1']), store('sales', [])]);
    const r = scoped(lostWrites({ addF: 'buy' }), {
      stores: ['sales'],
      name: 'lost-sales',
      kinds: { 'lost-write': 'lost-sale' },
    }).check(i);
    expect(r.name).toBe('lost-sales');
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'lost-sale': 1 });
    expect(Object.keys(r.examples)).toEqual(['lost-sale']);
  });

  it('without renames it keeps the checker’s name and kinds', () => {
    const r = scoped(lostWrites({ addF: 'buy' }), { stores: ['sales'] }).check(
      input(h, [store('sales', ['s1'])]),
    );
    expect(r).toMatchObject({ name: 'lost-writes', valid: true, anomalies: { 'lost-write': 0 } });
  });
});
