import { describe, it, expect } from 'vitest';
import { lagOf } from './kafka';

describe('lagOf', () => {
  const parts = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '2', high: '5' },
  ];
  it('counts from the low watermark when nothing was processed or committed', () => {
    expect(lagOf(parts, new Map(), new Map())).toBe(13);
  });
  it('uses the furthest of the committed offset and the processed offset + 1', () => {
    expect(lagOf(parts, new Map([[0, 9n]]), new Map([[1, 4n]]))).toBe(1);
    expect(
      lagOf(
        parts,
        new Map([[0, 3n]]),
        new Map([
          [0, 8n],
          [1, -1n],
        ]),
      ),
    ).toBe(5);
  });
});
