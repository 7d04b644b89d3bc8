import { describe, it, expect } from 'vitest';
import { orderWorkloadSchedule } from './workload';
import { splitStoresSchedule } from '../../../scenarios/split-stores/generator';

describe('orderWorkloadSchedule', () => {
  it('with one user is the built-in split-stores workload', () => {
    for (const [orders, reads, intervalMs] of [
      [5, 4, 200],
      [1, 0, 20],
      [37, 9, 150],
    ]) {
      expect(orderWorkloadSchedule({ users: 1, orders, reads, intervalMs })).toEqual(
        splitStoresSchedule({ orders, reads, intervalMs, killTarget: null, downMs: 0 }),
      );
    }
  });

  it('several users interleave inside one interval, each with its own ids, adds before reads', () => {
    const s = orderWorkloadSchedule({ users: 3, orders: 4, reads: 2, intervalMs: 300 });
    expect(s).toHaveLength(3 * (4 + 2));
    const ids = s.flatMap((x) => ('f' in x && x.f === 'add' ? [(x.value as { id: string }).id] : []));
    expect(new Set(ids).size).toBe(12);
    expect(s.filter((x) => x.process === 'user-2').map((x) => x.at)).toEqual([
      100, 400, 700, 1000, 1300, 1600,
    ]);
    expect(s.every((x, i) => i === 0 || s[i - 1].at <= x.at)).toBe(true);
  });

  it('reads can start later (after a fault has healed)', () => {
    const s = orderWorkloadSchedule({ users: 1, orders: 2, reads: 2, intervalMs: 100, readsFromMs: 5000 });
    expect(s.filter((x) => 'f' in x && x.f === 'list').map((x) => x.at)).toEqual([5000, 5100]);
  });
});
