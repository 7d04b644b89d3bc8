import { describe, it, expect } from 'vitest';
import { PerSecond } from './rate';

describe('PerSecond', () => {
  it('counts per wall-clock second with empty seconds filled in', () => {
    let now = 10_000;
    const r = new PerSecond(() => now);
    r.add();
    r.add(2);
    now = 12_500;
    r.add();
    expect(r.count).toBe(4);
    expect(r.series()).toEqual([
      { at: 10_000, n: 3 },
      { at: 11_000, n: 0 },
      { at: 12_000, n: 1 },
    ]);
    expect(r.ratePerSecond(10_000)).toBeCloseTo(4 / 2.5);
  });

  it('keeps only the last `keep` seconds', () => {
    let now = 0;
    const r = new PerSecond(() => now, 2);
    for (let i = 0; i < 5; i++) {
      r.add();
      now += 1000;
    }
    now -= 1000;
    expect(r.series().map((s) => s.at)).toEqual([3000, 4000]);
    expect(r.count).toBe(5);
  });
});
