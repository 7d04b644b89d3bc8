import { describe, it, expect } from 'vitest';
import type { Step } from '../../main/engine/scenario';
import { sharedDbSchedule, orderCount, type SharedDbWorkload } from './generator';
import { sharedDb, expectedOf } from './index';
import { resolveParams } from '../../main/engine/params';

const base: SharedDbWorkload = {
  orders: 5,
  reads: 2,
  intervalMs: 100,
  buyers: 3,
  unitsPerBuyer: 4,
  hotAtMs: 0,
  fault: 'none',
  killAtMs: 1000,
  downMs: 2000,
  db: 'db',
};

const lane = (s: Step[], p: string) =>
  s.filter((x) => x.process === p).map((x) => ('f' in x ? x.f : x.fault.kind));

describe('sharedDbSchedule', () => {
  it('user-1 places the orders then lists them; each buyer buys B units then reads the stock once', () => {
    const s = sharedDbSchedule(base);
    expect(lane(s, 'user-1')).toEqual(['add', 'add', 'add', 'add', 'add', 'list', 'list']);
    expect(s.filter((x) => 'f' in x && x.f === 'list').map((x) => x.at)).toEqual([500, 600]);
    for (const b of ['buyer-1', 'buyer-2', 'buyer-3'])
      expect(lane(s, b)).toEqual(['buy', 'buy', 'buy', 'buy', 'stock']);
    const saleIds = s.flatMap((x) => ('f' in x && x.f === 'buy' ? [(x.value as { id: string }).id] : []));
    expect(new Set(saleIds).size).toBe(12);
    expect(s.some((x) => x.process === 'nemesis')).toBe(false);
    expect(s.every((x, i) => i === 0 || s[i - 1].at <= x.at)).toBe(true);
  });

  it('kill-db: kills at killAtMs, starts downMs later, and the orders run through the outage and 2 s beyond', () => {
    const s = sharedDbSchedule({ ...base, fault: 'kill-db' });
    expect(
      s
        .filter((x) => x.process === 'nemesis')
        .map((x) => ('fault' in x ? [x.at, x.fault.kind, x.fault.target] : null)),
    ).toEqual([
      [1000, 'kill', 'db'],
      [3000, 'start', 'db'],
    ]);
    expect(orderCount({ ...base, fault: 'kill-db' })).toBe(50);
    const adds = s.filter((x) => 'f' in x && x.f === 'add');
    expect(adds.at(-1)!.at).toBeGreaterThanOrEqual(3000 + 1900);
  });

  it('no buyers, no hot product', () => {
    expect(sharedDbSchedule({ ...base, buyers: 0 }).some((x) => x.process.startsWith('buyer'))).toBe(false);
  });
});

describe('shared-db plan', () => {
  const plan = (raw: Record<string, string>) =>
    sharedDb.plan(resolveParams('shared-db', sharedDb.knobs, raw), 1);

  it('two instances on one database behind one balancer; the stores are read through order-1', () => {
    const p = plan({});
    expect(p.containers.map((c) => c.name)).toEqual(['db', 'order-1', 'order-2', 'lb']);
    expect(p.containers.find((c) => c.name === 'order-2')?.env).toMatchObject({
      STORE_MODE: 'postgres',
      PGHOST: 'db',
      PRODUCT_STOCK: '20',
      CONCURRENCY: 'naive',
      THINK_MS: '20',
    });
    expect(p.containers.find((c) => c.name === 'order-1')?.dependsOn).toEqual(['db']);
    expect(p.containers.find((c) => c.name === 'lb')?.env?.BACKENDS).toBe('order-1:8080,order-2:8080');
    expect(p.stores).toEqual([
      { name: 'orders', container: 'order-1', port: 8080, path: '/orders' },
      { name: 'sales', container: 'order-1', port: 8080, path: '/stock' },
    ]);
    expect(p.checks.map((c) => c.name)).toEqual([
      'store-counts',
      'split-data',
      'read-your-writes',
      'lost-writes',
      'lost-sales',
      'hot-product',
      'availability',
    ]);
  });

  it('demand well above stock by default: 8 buyers x 6 units against 20', () => {
    const buys = plan({}).schedule.filter((x) => 'f' in x && x.f === 'buy');
    expect(buys).toHaveLength(48);
  });

  it('expects naive to oversell and lose updates, lock and optimistic to be valid', () => {
    const p = (raw: Record<string, string>) => resolveParams('shared-db', sharedDb.knobs, raw);
    expect(expectedOf(p({}))).toEqual({ valid: false, anomalies: ['lost-update', 'oversell'] });
    expect(expectedOf(p({ concurrency: 'lock' }))).toEqual({ valid: true, anomalies: [] });
    expect(expectedOf(p({ concurrency: 'optimistic' }))).toEqual({ valid: true, anomalies: [] });
    expect(expectedOf(p({ buyers: '1' }))).toEqual({ valid: true, anomalies: [] });
  });

  it('is deterministic and rejects knobs out of range', () => {
    expect(JSON.stringify(plan({ fault: 'kill-db' }).schedule)).toBe(
      JSON.stringify(plan({ fault: 'kill-db' }).schedule),
    );
    expect(() => plan({ concurrency: 'serializable' })).toThrow(/naive \| lock \| optimistic/);
    expect(() => plan({ buyers: '99' })).toThrow(/from 0 to 32/);
  });
});
