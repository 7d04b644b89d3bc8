// Adds a file's fault schedule, rollbacks and steady-state hypothesis to a scenario's plan
// (built-in or composed). Pure: the same plan and spec give the same plan.
//
// The nemesis lane runs its steps one after the other, in time order, so the order is:
//   steady state "before" (t=0) -> the faults -> rollbacks (when the method is over)
//   -> steady state "after" (settleMs later). The runner heals whatever is left at the end.
import type { ScenarioPlan, Step } from '../scenario';
import type { FaultSpec, RollbackSpec, SteadyStateSpec } from './schema';
import { STEADY_STATE_F, steadyStateCheck, withSteadyState } from './steady-state';

export interface Augmentation {
  faults: FaultSpec[];
  rollbacks: RollbackSpec[];
  steadyState?: SteadyStateSpec;
}

export const DEFAULT_SETTLE_MS = 1000;

export function faultStep(f: FaultSpec): Step {
  return {
    at: f.at,
    process: 'nemesis',
    fault: {
      kind: f.kind,
      target: f.target,
      ...(f.peer ? { peer: f.peer } : {}),
      ...(f.durationMs ? { durationMs: f.durationMs } : {}),
      ...(f.point ? { point: f.point } : {}),
      ...(f.then ? { then: f.then } : {}),
      ...(f.timeoutMs ? { timeoutMs: f.timeoutMs } : {}),
      ...(f.latencyMs !== undefined ? { latencyMs: f.latencyMs } : {}),
      ...(f.jitterMs !== undefined ? { jitterMs: f.jitterMs } : {}),
      ...(f.rateKBps !== undefined ? { rateKBps: f.rateKBps } : {}),
      ...(f.afterMs !== undefined ? { afterMs: f.afterMs } : {}),
    },
  };
}

/** When the method is over: the last step, or the end of the longest-lasting fault. */
export function methodEnd(schedule: readonly Step[]): number {
  let end = 0;
  for (const s of schedule) end = Math.max(end, s.at + ('fault' in s ? (s.fault.durationMs ?? 0) : 0));
  return end;
}

export function augmentPlan(plan: ScenarioPlan, a: Augmentation): ScenarioPlan {
  if (!a.faults.length && !a.rollbacks.length && !a.steadyState) return plan;
  const faults = a.faults.map(faultStep);
  const end = methodEnd([...plan.schedule, ...faults]);
  const rollbacks: Step[] = a.rollbacks.map((r) => ({
    at: end,
    process: 'nemesis',
    fault: { kind: r.kind, target: r.target, ...(r.peer ? { peer: r.peer } : {}) },
  }));
  const before: Step[] = [];
  const after: Step[] = [];
  const ss = a.steadyState;
  if (ss) {
    before.push({ at: 0, process: 'nemesis', f: STEADY_STATE_F, value: { phase: 'before' } });
    after.push({
      at: end + (ss.settleMs ?? DEFAULT_SETTLE_MS),
      process: 'nemesis',
      f: STEADY_STATE_F,
      value: { phase: 'after' },
    });
  }
  // A stable sort keeps "before" ahead of faults at t=0 and rollbacks ahead of "after".
  const schedule = [...before, ...plan.schedule, ...faults, ...rollbacks, ...after].sort(
    (x, y) => x.at - y.at,
  );
  return {
    ...plan,
    schedule,
    client: ss ? (ctx) => withSteadyState(plan.client(ctx), ctx, plan.stores, ss) : plan.client,
    checks: ss ? [...plan.checks, steadyStateCheck(ss)] : plan.checks,
  };
}
