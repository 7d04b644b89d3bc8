import { describe, expect, it } from 'vitest';
import { decimate, divergenceByStore, faultIntervals, lttb, rowsSeries, throughputSeries } from './series';
import { sampleRun } from './sample-run.fixture';

describe('lttb', () => {
  const sine = Array.from({ length: 5000 }, (_, i) => ({
    t: i,
    v: Math.sin(i / 100) * 10 + (i === 2500 ? 50 : 0),
  }));

  it('returns the input when below the threshold', () => {
    const pts = [
      { t: 0, v: 1 },
      { t: 1, v: 2 },
      { t: 2, v: 3 },
    ];
    expect(lttb(pts, 10)).toEqual(pts);
  });

  it('keeps exactly threshold points, first and last included, in time order', () => {
    const out = lttb(sine, 1000);
    expect(out).toHaveLength(1000);
    expect(out[0]).toBe(sine[0]);
    expect(out[999]).toBe(sine[4999]);
    for (let i = 1; i < out.length; i++) expect(out[i].t).toBeGreaterThan(out[i - 1].t);
  });

  it('keeps a spike (the point that makes the largest triangle)', () => {
    expect(lttb(sine, 200).some((p) => p.v > 40)).toBe(true);
  });

  it('keeps only the ends below a threshold of 3', () => {
    expect(lttb(sine, 2)).toEqual([sine[0], sine[4999]]);
  });
});

describe('decimate', () => {
  it('thins a long series with gaps to about the budget and keeps the gaps', () => {
    const pts = Array.from({ length: 6000 }, (_, i) => ({ t: i, v: i >= 2000 && i < 3000 ? null : i % 7 }));
    const out = decimate(pts, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out.length).toBeGreaterThan(900);
    const gaps = out.filter((p) => p.v === null);
    expect(gaps).toHaveLength(1);
    expect(gaps[0].t).toBeGreaterThan(1999);
    expect(gaps[0].t).toBeLessThan(3000);
  });

  it('leaves a short series alone', () => {
    const pts = [
      { t: 0, v: 1 },
      { t: 1, v: null },
    ];
    expect(decimate(pts, 1000)).toEqual(pts);
  });
});

describe('series from a run', () => {
  const { events } = sampleRun();

  it('rows per store, null while a store was down', () => {
    const rows = rowsSeries(events);
    expect(rows.map((s) => s.name)).toEqual(['order-1', 'order-2']);
    const o2 = rows[1].points;
    expect(o2.find((p) => p.t === 1753)?.v).toBe(2);
    expect(o2.find((p) => p.t === 2253)?.v).toBeNull();
    expect(o2.find((p) => p.t === 4253)?.v).toBe(0);
  });

  it('divergence: acknowledged writes missing per store', () => {
    const div = divergenceByStore(events);
    const o2 = div.find((s) => s.name === 'order-2')!.points;
    expect(o2.find((p) => p.t === 1753)?.v).toBe(2); // o1, o3 live on order-1
    expect(o2.find((p) => p.t === 4503)?.v).toBe(4); // everything, after losing its own
  });

  it('throughput per second by outcome, with zero buckets', () => {
    const tp = throughputSeries(events);
    expect(tp.map((s) => s.name)).toEqual(['ok', 'fail', 'info']);
    expect(tp[0].points).toHaveLength(7);
    expect(tp[0].points.reduce((s, p) => s + (p.v ?? 0), 0)).toBe(10);
    expect(tp[2].points.find((p) => p.t === 3000)?.v).toBe(1);
    expect(tp[1].points.every((p) => p.v === 0)).toBe(true);
  });

  it('fault intervals', () => {
    expect(faultIntervals(events)).toEqual([
      { kind: 'kill', target: 'order-2', from: 2000, to: 4000, source: 'lab' },
    ]);
  });
});
