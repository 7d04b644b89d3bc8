import { describe, expect, it } from 'vitest';
import { lttb, type Point } from './lttb';

describe('lttb', () => {
  it('keeps short series as they are', () => {
    const pts = [
      { t: 0, v: 1 },
      { t: 1, v: 2 },
    ];
    expect(lttb(pts, 1000)).toEqual(pts);
  });

  it('reduces 7,200 points to about the threshold, keeping the ends and the peak', () => {
    const pts: Point[] = Array.from({ length: 7200 }, (_, i) => ({
      t: i * 250,
      v: i === 3000 ? 500 : Math.sin(i / 50) * 10,
    }));
    const out = lttb(pts, 1000);
    expect(out.length).toBeGreaterThan(900);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out[0]).toEqual(pts[0]);
    expect(out.at(-1)).toEqual(pts.at(-1));
    expect(out.some((p) => p.v === 500)).toBe(true);
    for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
  });

  it('keeps gaps (null values) as gaps', () => {
    const pts: Point[] = Array.from({ length: 5000 }, (_, i) => ({
      t: i,
      v: i >= 2000 && i < 2100 ? null : i % 7,
    }));
    const out = lttb(pts, 500);
    const nullAt = out.findIndex((p) => p.v === null);
    expect(nullAt).toBeGreaterThan(0);
    expect(out[nullAt].t).toBeGreaterThanOrEqual(2000);
    expect(out.filter((p) => p.v === null).length).toBe(1);
    expect(out.length).toBeLessThanOrEqual(520);
  });
});

describe('decimateGrowing', () => {
  it('appends new points until they pass 5% of the threshold, then decimates again', async () => {
    const { decimateGrowing } = await import('./lttb');
    const pts: Point[] = Array.from({ length: 5000 }, (_, i) => ({ t: i, v: i % 13 }));
    const first = decimateGrowing(pts, 1000);
    expect(first.length).toBeLessThanOrEqual(1000);
    expect(decimateGrowing(pts, 1000)).toBe(first);
    pts.push({ t: 5000, v: 1 }, { t: 5001, v: 2 });
    const second = decimateGrowing(pts, 1000);
    expect(second.length).toBe(first.length + 2);
    expect(second.at(-1)).toEqual({ t: 5001, v: 2 });
    for (let i = 0; i < 60; i++) pts.push({ t: 5002 + i, v: i });
    const third = decimateGrowing(pts, 1000);
    expect(third.length).toBeLessThanOrEqual(1000);
    expect(third.at(-1)).toEqual(pts.at(-1));
  });

  it('spreads the full passes of series that grow together over different batches', async () => {
    const { decimateGrowing } = await import('./lttb');
    const series: Point[][] = Array.from({ length: 10 }, () =>
      Array.from({ length: 3000 }, (_, i) => ({ t: i, v: i % 11 })),
    );
    for (const s of series) decimateGrowing(s, 1000);
    const passesPerBatch: number[] = [];
    for (let batch = 0; batch < 100; batch++) {
      let passes = 0;
      for (const s of series) {
        const before = decimateGrowing(s, 1000);
        s.push({ t: s.length, v: batch % 5 });
        const after = decimateGrowing(s, 1000);
        // An append keeps the head; a full pass makes a new one.
        if (after[before.length - 1] !== before[before.length - 1]) passes++;
      }
      passesPerBatch.push(passes);
    }
    expect(passesPerBatch.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...passesPerBatch)).toBeLessThanOrEqual(2);
  });
});
