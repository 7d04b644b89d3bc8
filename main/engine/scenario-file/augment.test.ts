import { describe, it, expect } from 'vitest';
import { augmentPlan, methodEnd } from './augment';
import type { ScenarioPlan, Step } from '../scenario';
import { STEADY_STATE_F } from './steady-state';

const base = (schedule: Step[]): ScenarioPlan => ({
  containers: [],
  links: [],
  stores: [],
  schedule,
  client: () => ({ invoke: async () => ({ type: 'ok' }) }),
  checks: [],
  probeIntervalMs: 250,
  quiesceMs: 1000,
  expected: { valid: true, anomalies: [] },
});

describe('augmentPlan', () => {
  it('leaves a plan alone when the file adds nothing', () => {
    const p = base([{ at: 0, process: 'user-1', f: 'add' }]);
    expect(augmentPlan(p, { faults: [], rollbacks: [] })).toBe(p);
  });

  it('orders the nemesis lane: hypothesis, faults, rollbacks when the method is over, hypothesis again', () => {
    const p = augmentPlan(
      base([
        { at: 0, process: 'user-1', f: 'add' },
        { at: 800, process: 'user-1', f: 'list' },
      ]),
      {
        faults: [
          { at: 0, kind: 'pause', target: 'order-1', durationMs: 2000 },
          { at: 500, kind: 'partition', target: 'order-2', peer: 'lb' },
        ],
        rollbacks: [{ kind: 'heal', target: 'order-2' }],
        steadyState: { probes: [{ kind: 'stores-reachable' }], settleMs: 700 },
      },
    );
    const lane = p.schedule
      .filter((s) => s.process === 'nemesis')
      .map((s) =>
        'fault' in s ? `${s.at} ${s.fault.kind}` : `${s.at} ${s.f} ${(s.value as { phase: string }).phase}`,
      );
    expect(lane).toEqual([
      `0 ${STEADY_STATE_F} before`,
      '0 pause',
      '500 partition',
      '2000 heal',
      `2700 ${STEADY_STATE_F} after`,
    ]);
    expect(p.checks.map((c) => c.name)).toEqual(['steady-state']);
  });

  it('the method ends with the last step or the longest-lasting fault', () => {
    expect(methodEnd([{ at: 100, process: 'u', f: 'add' }])).toBe(100);
    expect(
      methodEnd([{ at: 100, process: 'nemesis', fault: { kind: 'kill', target: 'a', durationMs: 5000 } }]),
    ).toBe(5100);
  });
});
