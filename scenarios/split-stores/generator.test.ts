import { describe, it, expect } from 'vitest';
import { splitStoresSchedule } from './generator';
import { splitStores } from './index';
import { resolveParams } from '../../main/engine/params';

describe('splitStoresSchedule', () => {
  it('places N orders then the reads, in time order', () => {
    const s = splitStoresSchedule({ orders: 5, reads: 3, intervalMs: 100, killTarget: null, downMs: 1000 });
    expect(s.filter((x) => 'f' in x && x.f === 'add')).toHaveLength(5);
    expect(s.filter((x) => 'f' in x && x.f === 'list').map((x) => x.at)).toEqual([500, 600, 700]);
    expect(s.every((x, i) => i === 0 || s[i - 1].at <= x.at)).toBe(true);
  });

  it('kills mid-run after ceil(N/2) orders, restarts after downMs, reads after the restart', () => {
    const s = splitStoresSchedule({
      orders: 10,
      reads: 2,
      intervalMs: 100,
      killTarget: 'order-2',
      downMs: 1000,
    });
    const faults = s.filter((x) => x.process === 'nemesis');
    expect(faults.map((x) => ('fault' in x ? [x.at, x.fault.kind] : null))).toEqual([
      [450, 'kill'],
      [1450, 'start'],
    ]);
    const adds = s.filter((x) => 'f' in x && x.f === 'add' && x.at < 450);
    expect(adds).toHaveLength(5);
    expect(Math.min(...s.filter((x) => 'f' in x && x.f === 'list').map((x) => x.at))).toBeGreaterThan(1450);
  });

  it('is deterministic: the same params give the same plan', () => {
    const p = resolveParams('split-stores', splitStores.knobs, { fault: 'kill', orders: '8' });
    expect(JSON.stringify(splitStores.plan(p, 1).schedule)).toBe(
      JSON.stringify(splitStores.plan(p, 1).schedule),
    );
  });

  it('builds one service container per instance behind one load balancer', () => {
    const plan = splitStores.plan(resolveParams('split-stores', splitStores.knobs, { instances: '3' }), 1);
    expect(plan.containers.map((c) => c.name)).toEqual(['order-1', 'order-2', 'order-3', 'lb']);
    expect(plan.stores.map((s) => s.name)).toEqual(['order-1', 'order-2', 'order-3']);
    expect(plan.containers.find((c) => c.name === 'lb')?.env?.BACKENDS).toBe(
      'order-1:8080,order-2:8080,order-3:8080',
    );
  });
});
