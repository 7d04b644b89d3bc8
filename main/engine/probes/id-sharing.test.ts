import { describe, expect, it } from 'vitest';
import { IdSharing } from './id-sharing';

describe('IdSharing', () => {
  it('reuses the previous array of a store when the ids are the same, in the same order', () => {
    const s = new IdSharing();
    const a = s.share('order-1', ['o1', 'o2']);
    const b = s.share('order-1', JSON.parse('["o1","o2"]') as string[]);
    expect(b).toBe(a);
    expect(s.share('order-1', ['o2', 'o1'])).not.toBe(a); // order matters: a new array
    expect(s.share('order-2', ['o1', 'o2'])).not.toBe(a); // per store
  });

  it('keeps each id string once, and never changes what a sample says', () => {
    const s = new IdSharing();
    const first = s.share('a', [String(['o', 1].join(''))]);
    const other = s.share('b', [['o', 1].join(''), 'o2']);
    expect(other).toEqual(['o1', 'o2']);
    expect(Object.is(other[0], first[0])).toBe(true);
    expect(s.share('a', [])).toEqual([]);
  });
});
