import { describe, it, expect } from 'vitest';
import { diffRows, driftIds, type SourceRow, type Row } from './diff';

const row = (id: string, amount = 10): Row => ({ id, user: 'u', product: 'p1', qty: 1, amount });
const src = (id: string, ageMs = 5000, amount = 10): SourceRow => ({ ...row(id, amount), ageMs });

describe('diffRows', () => {
  it('finds missing, mismatched and extra rows', () => {
    const d = diffRows([src('a'), src('b', 5000, 30), src('c')], [row('a'), row('b', 20), row('z')], 1000);
    expect(d.missing.map((r) => r.id)).toEqual(['c']);
    expect(d.mismatched).toEqual([{ source: row('b', 30), copy: row('b', 20) }]);
    expect(d.extra.map((r) => r.id)).toEqual(['z']);
    expect(driftIds(d)).toEqual(['b', 'c', 'z']);
  });

  it('leaves rows younger than the grace period alone (their copy write may be in flight)', () => {
    const d = diffRows([src('a', 200)], [], 1000);
    expect(d.missing).toEqual([]);
    expect(d.young).toBe(1);
    // ...but a young source row is still not "extra" in the copy.
    expect(diffRows([src('a', 200)], [row('a')], 1000).extra).toEqual([]);
  });

  it('equal stores: no drift', () => {
    expect(driftIds(diffRows([src('a'), src('b')], [row('b'), row('a')], 0))).toEqual([]);
  });
});
