import { describe, expect, it } from 'vitest';
import { IncrementalPath, pathOf } from './series-paths';

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

describe('IncrementalPath', () => {
  const pts = Array.from({ length: 40 }, (_, i) => ({ t: i * 1000, v: i % 9 === 4 ? null : i % 7 }));

  it('gives the same text as pathOf as the points grow, whatever the steps', () => {
    for (const step of [false, true]) {
      const p = new IncrementalPath();
      for (const n of [0, 1, 3, 4, 5, 12, 12, 30, 40])
        expect(p.update(pts.slice(0, n), x, y, 0, step)).toBe(pathOf(pts.slice(0, n), x, y, 0, step));
    }
  });

  it('starts again when the head changes (a new decimation), the scales or the offset move', () => {
    const p = new IncrementalPath();
    p.update(pts.slice(0, 20), x, y, 0, false);
    const redecimated = [pts[0], ...pts.slice(5, 25)];
    expect(p.update(redecimated, x, y, 0, false)).toBe(pathOf(redecimated, x, y, 0, false));
    const x2 = (v: unknown) => (v as number) * 5;
    expect(p.update(redecimated, x2, y, 0, false)).toBe(pathOf(redecimated, x2, y, 0, false));
    expect(p.update(redecimated, x2, y, 2000, false)).toBe(pathOf(redecimated, x2, y, 2000, false));
    const shorter = redecimated.slice(0, 4);
    expect(p.update(shorter, x2, y, 2000, false)).toBe(pathOf(shorter, x2, y, 2000, false));
  });
});
