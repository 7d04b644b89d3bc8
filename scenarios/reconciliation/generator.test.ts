import { describe, it, expect } from 'vitest';
import { reconSchedule } from './generator';
import { reconciliation } from './index';
import { resolveParams } from '../../main/engine/params';

describe('reconSchedule', () => {
  it('N dual writes at the interval, then the audit in the same lane', () => {
    const s = reconSchedule({ orders: 5, intervalMs: 100, seed: 1, settleMs: 4000 });
    expect(s.map((x) => ('f' in x ? `${x.f}@${x.at}` : ''))).toEqual([
      'add@0',
      'add@100',
      'add@200',
      'add@300',
      'add@400',
      'audit-recon@500',
    ]);
    expect(new Set(s.map((x) => x.process)).size).toBe(1);
    const v =
      s[0].process === 'writer' && 'value' in s[0] ? (s[0].value as { amount: number; qty: number }) : null;
    expect(v && v.amount).toBe(v && v.qty * 10);
  });

  it('is deterministic per seed', () => {
    const a = JSON.stringify(reconSchedule({ orders: 20, intervalMs: 50, seed: 3, settleMs: 0 }));
    expect(a).toBe(JSON.stringify(reconSchedule({ orders: 20, intervalMs: 50, seed: 3, settleMs: 0 })));
    expect(a).not.toBe(JSON.stringify(reconSchedule({ orders: 20, intervalMs: 50, seed: 4, settleMs: 0 })));
  });
});

describe('reconciliation plan', () => {
  it('the writer copies to shipping, the reconciler reads both; knobs reach the services', () => {
    const p = resolveParams('reconciliation', reconciliation.knobs, { driftPercent: '35', periodMs: '500' });
    const plan = reconciliation.plan(p, 9);
    const env = (n: string) => plan.containers.find((c) => c.name === n)!.env!;
    expect(env('order')).toMatchObject({ COPY_URL: 'http://shipping:8080', DRIFT_PERCENT: '35', SEED: '9' });
    expect(env('reconciler')).toMatchObject({
      SOURCE_URL: 'http://order:8080',
      PERIOD_MS: '500',
      RECONCILE: 'true',
    });
    expect(plan.stores.map((s) => s.name)).toEqual(['source', 'copy', 'drift', 'repairs']);
    expect(plan.expected.valid).toBe(true);
  });

  it('with the job off the drift is expected to stay', () => {
    const plan = reconciliation.plan(
      resolveParams('reconciliation', reconciliation.knobs, { reconcile: 'false' }),
      1,
    );
    expect(plan.expected).toEqual({ valid: false, anomalies: ['drift-left', 'unrepaired-drift'] });
  });
});
