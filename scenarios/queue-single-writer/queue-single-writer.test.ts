import { describe, it, expect } from 'vitest';
import type { Op } from '../../main/engine/history';
import { queueSingleWriterSchedule } from './generator';
import { lagSamples, quantile, readAfterWriteLag } from './lag-check';
import { queueSingleWriter } from './index';
import { resolveParams } from '../../main/engine/params';

describe('queue-single-writer', () => {
  it('reads each order back right after placing it, in the same lane', () => {
    const s = queueSingleWriterSchedule({ users: 1, ordersPerUser: 2, intervalMs: 100 }, { kind: 'none' });
    expect(s.map((x) => ('f' in x ? [x.at, x.f, (x.value as { id: string }).id] : null))).toEqual([
      [0, 'add', 'u1-001'],
      [0, 'read-own', 'u1-001'],
      [100, 'add', 'u1-002'],
      [100, 'read-own', 'u1-002'],
    ]);
  });

  it('plans one writer, fronts behind the load balancer, the database as the one store', () => {
    const plan = queueSingleWriter.plan(
      resolveParams('queue-single-writer', queueSingleWriter.knobs, { fault: 'kill-writer' }),
      1,
    );
    expect(plan.containers.map((c) => c.name)).toEqual([
      'kafka-1',
      'postgres',
      'writer',
      'front-1',
      'front-2',
      'lb',
    ]);
    expect(plan.containers.find((c) => c.name === 'writer')?.env).toMatchObject({
      ROLE: 'writer',
      GROUP_ID: 'single-writer',
    });
    expect(plan.stores).toEqual([{ name: 'orders-db', container: 'front-1', port: 8080, path: '/orders' }]);
    expect(
      plan.schedule.filter((s) => s.process === 'nemesis').map((s) => 'fault' in s && s.fault.kind),
    ).toEqual(['kill', 'start']);
  });

  it('turns read-backs into lag samples, stale first reads and never-visible orders', () => {
    const read = (t: number, id: string, lagMs: number | null, firstReadSaw: boolean): Op[] => [
      { process: 'user-1', type: 'invoke', f: 'read-own', value: { id }, time: t },
      {
        process: 'user-1',
        type: 'ok',
        f: 'read-own',
        value: { id, lagMs, firstReadSaw, reads: 1 },
        time: t + (lagMs ?? 0),
      },
    ];
    const history = [...read(10, 'a', 3, true), ...read(20, 'b', 40, false), ...read(90, 'c', null, false)];
    const input = { params: {}, history, finalStores: [], events: [] };
    expect(lagSamples(input).map((s) => [s.t, s.lagMs])).toEqual([
      [10, 3],
      [20, 40],
      [90, null],
    ]);
    const r = readAfterWriteLag().check(input);
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'stale-read': 2, 'never-visible': 1 });
    expect(r.stats).toMatchObject({ count: 3, p50: 3, max: 40 });
    expect(readAfterWriteLag().check({ ...input, history: read(1, 'a', 2, true) }).valid).toBe(true);
  });

  it('takes nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.95)).toBe(4);
  });
});
