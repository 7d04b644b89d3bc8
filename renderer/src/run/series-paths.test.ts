import { describe, expect, it } from 'vitest';
import { IncrementalPath, pathOf, TAIL_MAX } from './series-paths';

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
  const pts = Array.from({ length: 300 }, (_, i) => ({ t: i * 1000, v: i % 9 === 4 ? null : i % 7 }));

  it('keeps a short series in one path', () => {
    for (const step of [false, true]) {
      const p = new IncrementalPath();
      for (const n of [0, 1, 3, 4, 5, 12, 12, 30, TAIL_MAX])
        expect(p.update(pts.slice(0, n), x, y, 0, step)).toEqual({
          head: pathOf(pts.slice(0, n), x, y, 0, step),
          tail: '',
        });
    }
  });

  it('puts new points in a tail that starts two points back, and folds it into the head when full', () => {
    for (const step of [false, true]) {
      const p = new IncrementalPath();
      const head = pathOf(pts.slice(0, 100), x, y, 0, step);
      expect(p.update(pts.slice(0, 100), x, y, 0, step)).toEqual({ head, tail: '' });
      for (const n of [101, 104, 104, 130, 100 + TAIL_MAX]) {
        const r = p.update(pts.slice(0, n), x, y, 0, step);
        expect(r.head).toBe(head);
        expect(r.tail).toBe(pathOf(pts.slice(98, n), x, y, 0, step));
      }
      expect(p.update(pts.slice(0, 101 + TAIL_MAX), x, y, 0, step)).toEqual({
        head: pathOf(pts.slice(0, 101 + TAIL_MAX), x, y, 0, step),
        tail: '',
      });
    }
  });

  it('folds at its own tail size', () => {
    const p = new IncrementalPath(40);
    p.update(pts.slice(0, 100), x, y, 0, false);
    expect(p.update(pts.slice(0, 140), x, y, 0, false).tail).not.toBe('');
    expect(p.update(pts.slice(0, 141), x, y, 0, false)).toEqual({
      head: pathOf(pts.slice(0, 141), x, y, 0, false),
      tail: '',
    });
  });

  it('starts again when the head changes (a new decimation), the scales or the offset move', () => {
    const p = new IncrementalPath();
    p.update(pts.slice(0, 100), x, y, 0, false);
    p.update(pts.slice(0, 110), x, y, 0, false);
    const redecimated = [pts[0], ...pts.slice(5, 125)];
    const fresh = (q: typeof pts, xs: typeof x, off: number) => ({
      head: pathOf(q, xs, y, off, false),
      tail: '',
    });
    expect(p.update(redecimated, x, y, 0, false)).toEqual(fresh(redecimated, x, 0));
    const x2 = (v: unknown) => (v as number) * 5;
    expect(p.update(redecimated, x2, y, 0, false)).toEqual(fresh(redecimated, x2, 0));
    expect(p.update(redecimated, x2, y, 2000, false)).toEqual(fresh(redecimated, x2, 2000));
    const shorter = redecimated.slice(0, 90);
    expect(p.update(shorter, x2, y, 2000, false)).toEqual(fresh(shorter, x2, 2000));
  });
});
