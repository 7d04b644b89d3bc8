// The steady-state hypothesis: "every store answers (within X ms)", checked before the first
// fault and again after recovery. Each check is an op in the nemesis lane (f: steady-state),
// so it runs in order with the faults and rollbacks and is recorded in run.jsonl like any op.
// The checker turns the two results into met / not met.
import type { Checker, CheckInput, Client, ClientContext, Completion, StoreSpec } from '../scenario';
import type { Op } from '../history';
import type { CheckResult } from '../checks/verdict';
import { httpJson } from '../workload/http-json';
import type { SteadyStateSpec } from './schema';

export const STEADY_STATE_F = 'steady-state';
export type SteadyPhase = 'before' | 'after';

export interface StoreProbe {
  store: string;
  ok: boolean;
  ms: number | null;
  error?: string;
}

export interface SteadyStateResult {
  phase: SteadyPhase;
  met: boolean;
  stores: StoreProbe[];
  /** Why it is not met, one line per failing probe. */
  failures: string[];
}

export function describeHypothesis(spec: SteadyStateSpec): string {
  if (spec.title) return spec.title;
  return spec.probes
    .map((p) =>
      p.kind === 'stores-reachable' ? 'every store answers' : `every store answers within ${p.maxMs} ms`,
    )
    .join(' and ');
}

/** Judges one round of store probes against the hypothesis. Pure. */
export function judge(spec: SteadyStateSpec, phase: SteadyPhase, stores: StoreProbe[]): SteadyStateResult {
  const failures: string[] = [];
  for (const p of spec.probes) {
    for (const s of stores) {
      if (!s.ok) failures.push(`${s.store} did not answer${s.error ? ` (${s.error})` : ''}`);
      else if (p.kind === 'stores-respond-within' && s.ms !== null && s.ms > p.maxMs)
        failures.push(`${s.store} answered in ${s.ms} ms (> ${p.maxMs} ms)`);
    }
  }
  return { phase, met: failures.length === 0, stores, failures: [...new Set(failures)] };
}

function probeTimeout(spec: SteadyStateSpec): number {
  const max = Math.max(0, ...spec.probes.map((p) => (p.kind === 'stores-respond-within' ? p.maxMs : 0)));
  return Math.max(2000, max + 1000);
}

async function probeStore(
  ctx: ClientContext,
  s: StoreSpec,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<StoreProbe> {
  const t0 = performance.now();
  try {
    const r = await httpJson(ctx.endpoint(s.container, s.port), 'GET', s.path, undefined, timeoutMs, signal);
    const ms = Math.round(performance.now() - t0);
    const ids = (r.body as { ids?: unknown } | null)?.ids;
    if (r.status !== 200 || !Array.isArray(ids))
      return { store: s.name, ok: false, ms, error: `HTTP ${r.status}` };
    return { store: s.name, ok: true, ms };
  } catch (e) {
    return { store: s.name, ok: false, ms: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Wraps the scenario's client: steady-state ops probe every store directly. */
export function withSteadyState(
  inner: Client,
  ctx: ClientContext,
  stores: StoreSpec[],
  spec: SteadyStateSpec,
): Client {
  const timeoutMs = probeTimeout(spec);
  return {
    async invoke(op: Op, signal: AbortSignal): Promise<Completion> {
      if (op.f !== STEADY_STATE_F) return inner.invoke(op, signal);
      const phase = (op.value as { phase?: SteadyPhase } | undefined)?.phase ?? 'before';
      const probes = await Promise.all(stores.map((s) => probeStore(ctx, s, timeoutMs, signal)));
      return { type: 'ok', value: judge(spec, phase, probes) };
    },
    close: inner.close ? () => inner.close!() : undefined,
  };
}

function resultOf(history: readonly Op[], phase: SteadyPhase): SteadyStateResult | undefined {
  for (const op of history) {
    if (op.f !== STEADY_STATE_F || op.type !== 'ok') continue;
    const v = op.value as SteadyStateResult | undefined;
    if (v && v.phase === phase && Array.isArray(v.stores)) return v;
  }
  return undefined;
}

function phaseWords(r: SteadyStateResult | undefined, when: string): string {
  if (!r) return `${when}: not checked`;
  if (r.met) return `${when}: met (${r.stores.map((s) => `${s.store} ${s.ms} ms`).join(', ')})`;
  return `${when}: NOT met (${r.failures.join('; ')})`;
}

/**
 * "steady-state": true when the hypothesis holds before the faults and after recovery;
 * false when it held before but not after (the system did not recover); unknown when it
 * did not hold before (the experiment cannot tell what the faults did) or was not checked.
 */
export function steadyStateCheck(spec: SteadyStateSpec): Checker {
  return {
    name: 'steady-state',
    check(input: CheckInput): CheckResult {
      const before = resultOf(input.history, 'before');
      const after = resultOf(input.history, 'after');
      const summary = `hypothesis "${describeHypothesis(spec)}": ${phaseWords(before, 'before faults')}; ${phaseWords(after, 'after recovery')}`;
      const deviations = [before, after].filter((r) => r && !r.met) as SteadyStateResult[];
      const valid = !before || !after ? 'unknown' : !before.met ? 'unknown' : after.met ? true : false;
      return {
        name: 'steady-state',
        valid,
        summary,
        anomalies: { 'steady-state-deviation': deviations.length },
        examples: deviations.length
          ? { 'steady-state-deviation': deviations.map((d) => ({ phase: d.phase, failures: d.failures })) }
          : {},
        stats: { hypothesis: describeHypothesis(spec), before: before ?? null, after: after ?? null },
      };
    },
  };
}
