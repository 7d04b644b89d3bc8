import { describe, it, expect } from 'vitest';
import { dlqSchedule, pick, rng, shareOf, type PlaceValue } from './generator';

const values = (
  seed: number,
  w = { requests: 30, intervalMs: 100, slowShare: 20, poisonShare: 10, flakyShare: 20 },
) =>
  dlqSchedule(w, 1500, seed)
    .filter((s) => 'f' in s && s.f === 'place')
    .map((s) => (s as { value: PlaceValue }).value);

describe('dlqSchedule', () => {
  it('picks exactly the shares asked for, reproducibly from the seed', () => {
    const v = values(7);
    expect(v).toHaveLength(30);
    expect(v.filter((x) => x.stallMs === 1500)).toHaveLength(6);
    expect(v.filter((x) => x.card === 'poison')).toHaveLength(3);
    expect(v.filter((x) => x.card === 'flaky')).toHaveLength(6);
    expect(values(7)).toEqual(v);
    expect(values(8)).not.toEqual(v);
    expect(v[0]).toMatchObject({ ref: 'order-001', user: 'user-1', amountCents: 1000 });
  });

  it('one request every intervalMs on one lane, then the settle', () => {
    const s = dlqSchedule(
      { requests: 3, intervalMs: 100, slowShare: 0, poisonShare: 0, flakyShare: 0 },
      1000,
      1,
    );
    expect(s.map((x) => [x.at, 'f' in x ? x.f : ''])).toEqual([
      [0, 'place'],
      [100, 'place'],
      [200, 'place'],
      [300, 'settle'],
    ]);
  });

  it('no shares: every card valid, nothing slow; all poison: no flaky left', () => {
    const none = values(1, { requests: 10, intervalMs: 10, slowShare: 0, poisonShare: 0, flakyShare: 0 });
    expect(none.every((x) => x.card === 'valid' && x.stallMs === 0)).toBe(true);
    const all = values(1, { requests: 10, intervalMs: 10, slowShare: 0, poisonShare: 100, flakyShare: 50 });
    expect(all.every((x) => x.card === 'poison')).toBe(true);
  });
});

describe('pick and rng', () => {
  it('distinct indexes in range, as many as the share says', () => {
    const p = pick([...Array(10).keys()], 4, rng(3));
    expect(p.size).toBe(4);
    for (const i of p) expect(i >= 0 && i < 10).toBe(true);
    expect(pick([1, 2], 5, rng(3))).toEqual(new Set([1, 2]));
    expect(shareOf(30, 10)).toBe(3);
  });
});
