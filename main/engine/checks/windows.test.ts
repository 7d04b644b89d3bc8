import { describe, expect, it } from 'vitest';
import { overlapsAny, type TimeWindow } from './windows';
import { rng } from './random-run.fixture';

describe('overlapsAny', () => {
  it('answers as a walk over every window would, on random windows and intervals', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const int = (n: number) => Math.floor(rand() * n);
      const windows: TimeWindow[] = Array.from({ length: int(8) }, () => {
        const from = int(100);
        const to = rand() < 0.1 ? Number.MAX_SAFE_INTEGER : rand() < 0.1 ? from - int(5) : from + int(30);
        return rand() < 0.05 ? { from: NaN, to } : { from, to };
      });
      const test = overlapsAny(windows);
      for (let q = 0; q < 50; q++) {
        const a = int(140) - 10;
        const b = rand() < 0.3 ? a : a + int(20);
        expect(test(a, b)).toBe(windows.some((w) => w.from <= b && w.to >= a));
      }
    }
  });

  it('no windows: nothing overlaps; touching ends overlap', () => {
    expect(overlapsAny([])(0, 10)).toBe(false);
    const t = overlapsAny([
      { from: 10, to: 20 },
      { from: 40, to: 50 },
    ]);
    expect([t(0, 9), t(0, 10), t(20, 30), t(21, 39), t(45, 45), t(51, 60)]).toEqual([
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
