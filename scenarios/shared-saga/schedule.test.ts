import { describe, it, expect } from 'vitest';
import { sagaSchedule as schedule, auditAt, type SagaWorkload } from './schedule';
import { C } from './names';
import { sagaOrchestration } from '../saga-orchestration/index';
import { resolveParams } from '../../main/engine/params';

const sagaSchedule = (w: SagaWorkload) => schedule(w, C.orchestrator);

const w: SagaWorkload = {
  sagas: 10,
  intervalMs: 100,
  products: ['p1', 'p2'],
  maxQty: 3,
  seed: 7,
  kill: { point: 'after-charge', atMs: 300, downMs: 2000 },
  settleMs: 10_000,
  retryMs: 0,
};

describe('sagaSchedule', () => {
  it('starts N sagas at the interval, then one audit in the same lane after the restart', () => {
    const s = sagaSchedule(w);
    const starts = s.filter((x) => 'f' in x && x.f === 'start');
    expect(starts.map((x) => x.at)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    const audit = s.filter((x) => 'f' in x && x.f === 'audit');
    expect(audit).toHaveLength(1);
    expect(audit[0].at).toBe(2800);
    expect(audit[0].process).toBe(starts[0].process);
    expect(s.every((x, i) => i === 0 || s[i - 1].at <= x.at)).toBe(true);
  });

  it('arms the named point in the orchestrator at killAtMs, kills there, restarts after downMs', () => {
    const f = sagaSchedule(w).find((x) => x.process === 'nemesis');
    expect(f && 'fault' in f ? f.fault : null).toMatchObject({
      kind: 'point',
      target: 'orchestrator',
      point: 'after-charge',
      then: 'kill',
      durationMs: 2000,
    });
  });

  it('without a fault: no nemesis, the audit right after the last start', () => {
    const s = sagaSchedule({ ...w, kill: null });
    expect(s.some((x) => x.process === 'nemesis')).toBe(false);
    expect(auditAt({ ...w, kill: null })).toBe(1400);
  });

  it('products and quantities come from the seed: same seed same plan, another seed another', () => {
    const values = (seed: number) =>
      JSON.stringify(sagaSchedule({ ...w, seed }).map((x) => ('value' in x ? x.value : null)));
    expect(values(7)).toBe(values(7));
    expect(values(7)).not.toBe(values(8));
    for (const x of sagaSchedule(w)) {
      if (!('f' in x) || x.f !== 'start') continue;
      const v = x.value as { product: string; qty: number };
      expect(['p1', 'p2']).toContain(v.product);
      expect(v.qty).toBeGreaterThanOrEqual(1);
      expect(v.qty).toBeLessThanOrEqual(3);
    }
  });
});

describe('saga-orchestration plan', () => {
  it('one database, four participants and the orchestrator; the knobs reach the services', () => {
    const p = resolveParams('saga-orchestration', sagaOrchestration.knobs, {
      brokenCompensation: 'true',
      paymentFailPercent: '30',
    });
    const plan = sagaOrchestration.plan(p, 5);
    expect(plan.containers.map((c) => c.name)).toEqual([
      'db',
      'order',
      'inventory',
      'payment',
      'shipping',
      'orchestrator',
    ]);
    const env = (n: string) => plan.containers.find((c) => c.name === n)!.env!;
    expect(env('inventory')).toMatchObject({ BROKEN_COMPENSATION: 'true', PRODUCTS: 'p1:25,p2:25' });
    expect(env('payment')).toMatchObject({ FAIL_PERCENT: '30', SEED: '5' });
    expect(plan.expected).toEqual({ valid: false, anomalies: ['stock-not-conserved'] });
    expect(plan.stores.map((s) => s.name)).toContain('sagas-running');
  });

  it('the defaults expect a valid run', () => {
    const plan = sagaOrchestration.plan(resolveParams('saga-orchestration', sagaOrchestration.knobs, {}), 1);
    expect(plan.expected.valid).toBe(true);
  });
});
