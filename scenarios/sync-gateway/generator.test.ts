import { describe, it, expect } from 'vitest';
import { gatewaySchedule } from './generator';
import { syncGateway } from './index';
import { resolveParams } from '../../main/engine/params';

describe('gatewaySchedule', () => {
  const w = {
    orders: 6,
    intervalMs: 100,
    users: 2,
    product: 'p1',
    maxQty: 3,
    kill: { target: 'inventory', step: 'reserve', times: 2, atMs: 100, everyMs: 3000, downMs: 1000 },
  };

  it('orders alternate between the users, at the interval', () => {
    const orders = gatewaySchedule(w).filter((x) => 'f' in x);
    expect(orders.map((x) => `${x.process}@${x.at}`)).toEqual([
      'user-1@0',
      'user-2@100',
      'user-1@200',
      'user-2@300',
      'user-1@400',
      'user-2@500',
    ]);
  });

  it('kills the participant at its after-<step>-commit point K times, starting it again in between', () => {
    const faults = gatewaySchedule(w).flatMap((x) => ('fault' in x ? [{ at: x.at, ...x.fault }] : []));
    expect(faults.map((k) => `${k.kind}@${k.at}`)).toEqual([
      'point@100',
      'start@1100',
      'point@3100',
      'start@4100',
    ]);
    expect(faults[0]).toMatchObject({
      kind: 'point',
      target: 'inventory',
      point: 'after-reserve-commit',
      then: 'kill',
    });
    expect(faults[1]).toMatchObject({ kind: 'start', target: 'inventory' });
  });
});

describe('sync-gateway plan', () => {
  it('three participants and the gateway; the gateway owns no database', () => {
    const plan = syncGateway.plan(resolveParams('sync-gateway', syncGateway.knobs, {}), 1);
    expect(plan.containers.map((c) => c.name)).toEqual(['db', 'order', 'inventory', 'payment', 'gateway']);
    const gw = plan.containers.find((c) => c.name === 'gateway')!;
    expect(gw.dependsOn).toEqual([]);
    expect(gw.env!.PGHOST).toBeUndefined();
    expect(plan.expected).toEqual({ valid: false, anomalies: ['partial-failure'] });
  });

  it('killTarget=payment kills at after-charge-commit; kills=0 expects a valid run', () => {
    const pay = syncGateway.plan(
      resolveParams('sync-gateway', syncGateway.knobs, { killTarget: 'payment' }),
      1,
    );
    expect(
      pay.schedule.some(
        (s) => 'fault' in s && s.fault.point === 'after-charge-commit' && s.fault.target === 'payment',
      ),
    ).toBe(true);
    const none = syncGateway.plan(resolveParams('sync-gateway', syncGateway.knobs, { kills: '0' }), 1);
    expect(none.schedule.some((s) => s.process === 'nemesis')).toBe(false);
    expect(none.expected.valid).toBe(true);
  });
});
