// The steady-state hypothesis (Chaos Toolkit's idea): what must hold before any fault and
// again after recovery. Not met before: the experiment cannot conclude (unknown). Not met
// after recovery: the system did not come back (invalid).
import type { Checker, CheckInput, SteadyStateProbe } from '../scenario';
import type { StoreSnapshot } from '../events';
import type { CheckResult } from './verdict';
import { nonOpEvents } from './shared-views';

export const STEADY_BEFORE = 'steady-state before faults';
export const STEADY_AFTER = 'final';

export const storesAnswer: SteadyStateProbe = {
  name: 'stores-answer',
  description: 'every store answers a direct read',
  holds: (stores) => {
    const down = stores.filter((s) => !s.available).map((s) => s.name);
    return down.length ? `${down.join(', ')} did not answer` : true;
  },
};

export const DEFAULT_STEADY_STATE: SteadyStateProbe[] = [storesAnswer];

function snapshotOf(input: CheckInput, reason: string): StoreSnapshot[] | null {
  const events = nonOpEvents(input.events);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.type === 'snapshot' && e.reason === reason) return e.stores;
  }
  return null;
}

interface ProbeOutcome {
  probe: string;
  before: 'met' | 'not met' | 'not measured';
  after: 'met' | 'not met' | 'not measured';
  why?: string;
}

function judge(
  p: SteadyStateProbe,
  stores: StoreSnapshot[] | null,
): { state: ProbeOutcome['before']; why?: string } {
  if (!stores) return { state: 'not measured' };
  try {
    const r = p.holds(stores);
    return r === true ? { state: 'met' } : { state: 'not met', why: typeof r === 'string' ? r : undefined };
  } catch (e) {
    return { state: 'not met', why: e instanceof Error ? e.message : String(e) };
  }
}

export function steadyState(probes: readonly SteadyStateProbe[] = DEFAULT_STEADY_STATE): Checker {
  return {
    name: 'steady-state',
    check(input: CheckInput): CheckResult {
      const before = snapshotOf(input, STEADY_BEFORE);
      const after = snapshotOf(input, STEADY_AFTER);
      const outcomes: ProbeOutcome[] = probes.map((p) => {
        const b = judge(p, before);
        const a = judge(p, after);
        return { probe: p.name, before: b.state, after: a.state, why: a.why ?? b.why };
      });
      const notAfter = outcomes.filter((o) => o.after === 'not met');
      const notBefore = outcomes.filter((o) => o.before !== 'met');
      const valid = notAfter.length
        ? false
        : notBefore.length || outcomes.some((o) => o.after !== 'met')
          ? 'unknown'
          : true;
      const line = (o: ProbeOutcome) =>
        `${o.probe}: before faults ${o.before}, after recovery ${o.after}${o.why ? ` (${o.why})` : ''}`;
      return {
        name: 'steady-state',
        valid,
        summary: outcomes.map(line).join('; '),
        anomalies: notAfter.length ? { 'steady-state-not-met': notAfter.length } : {},
        examples: notAfter.length ? { 'steady-state-not-met': notAfter.slice(0, 5) } : {},
        stats: {
          probes: outcomes,
          hypothesis: probes.map((p) => ({ name: p.name, description: p.description })),
        },
      };
    },
  };
}

/** Every check a run of this plan is judged by: its own, then the steady-state hypothesis. */
export function checksOf(plan: { checks: Checker[]; steadyState?: SteadyStateProbe[] }): Checker[] {
  return [...plan.checks, steadyState(plan.steadyState ?? DEFAULT_STEADY_STATE)];
}
