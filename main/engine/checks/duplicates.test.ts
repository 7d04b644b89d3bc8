import { describe, expect, it } from 'vitest';
import { duplicates } from './duplicates';
import { input, store } from './history.fixture';

describe('duplicates', () => {
  it('is valid when no store repeats an id (the same id in two stores is not a duplicate)', () => {
    const r = duplicates().check(input([], [store('a', ['x', 'y']), store('b', ['x'])]));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ duplicate: 0 });
  });

  it('counts extra copies of an id in one store', () => {
    const r = duplicates().check(input([], [store('a', ['x', 'y', 'x', 'x']), store('b', ['y', 'y'])]));
    expect(r.valid).toBe(false);
    expect(r.anomalies.duplicate).toBe(3);
    expect(r.examples.duplicate).toEqual([
      { store: 'a', id: 'x', copies: 3 },
      { store: 'b', id: 'y', copies: 2 },
    ]);
    expect(r.stats).toEqual({ perStore: { a: 2, b: 1 } });
  });

  it('is unknown when no store could be read', () => {
    expect(duplicates().check(input([], [store('a', [], false)])).valid).toBe('unknown');
  });
});
