import { describe, expect, it } from 'vitest';
import { pathOf } from './series-paths';

const x = (v: unknown) => (v as number) * 10;
const y = (v: unknown) => 100 - (v as number);

describe('pathOf', () => {
  it('draws lines and breaks them at gaps', () => {
    const pts = [
      { t: 0, v: 0 },
      { t: 1000, v: 5 },
      { t: 2000, v: null },
      { t: 3000, v: 7 },
      { t: 4000, v: 8 },
    ];
    expect(pathOf(pts, x, y, 0, false)).toBe('M0,100L10,95M30,93L40,92');
    expect(pathOf(pts.slice(0, 2), x, y, 0, true)).toBe('M0,100H10V95');
    expect(pathOf(pts.slice(0, 1), x, y, 1000, false)).toBe('M-10,100');
  });
});
