// `chaoslab compare` arguments: variants `scenario[:k=v,k=v]`, shared `--set k=v` (applied to
// every variant whose scenario has that knob) and shared `--fault` (applied to every variant
// whose topology has the target). Pure: the same arguments give the same variants.
import type { Params, ScenarioDefinition, Step } from '../../engine/scenario';
import { resolveParams } from '../../engine/params';
import { LabError } from '../../engine/errors';

export interface Variant {
  label: string;
  scenario: ScenarioDefinition;
  /** The raw knob values this variant runs with (shared --set, then its own). */
  raw: Record<string, string>;
  params: Params;
  /** The shared --fault steps whose target exists in this variant's topology. */
  faults: Step[];
  /** The shared --fault arguments left out, with why. */
  skippedFaults: string[];
}

export interface VariantInput {
  args: string[];
  sets: Record<string, string>;
  /** Parsed --fault steps with the argument each came from. */
  faults: { arg: string; step: Step }[];
  getScenario(id: string): ScenarioDefinition;
  seed: number;
}

export function parseVariantArg(arg: string): { id: string; own: Record<string, string> } {
  const colon = arg.indexOf(':');
  const id = colon < 0 ? arg : arg.slice(0, colon);
  const own: Record<string, string> = {};
  if (colon >= 0) {
    for (const kv of arg
      .slice(colon + 1)
      .split(',')
      .filter(Boolean)) {
      const i = kv.indexOf('=');
      if (i <= 0)
        throw new LabError(
          'PARAM_INVALID',
          `variant '${arg}': expected scenario:key=value[,key=value], got '${kv}'`,
        );
      own[kv.slice(0, i).trim()] = kv.slice(i + 1).trim();
    }
  }
  if (!id) throw new LabError('PARAM_INVALID', `variant '${arg}' names no scenario`);
  return { id, own };
}

export function buildVariants(v: VariantInput): Variant[] {
  if (v.args.length < 2)
    throw new LabError(
      'PARAM_INVALID',
      'compare needs at least two variants, e.g. `chaoslab compare dual-write outbox-polling`',
    );
  const parsed = v.args.map((arg) => ({
    arg,
    ...parseVariantArg(arg),
    scenario: v.getScenario(parseVariantArg(arg).id),
  }));
  for (const key of Object.keys(v.sets)) {
    if (!parsed.some((p) => p.scenario.knobs.some((k) => k.name === key)))
      throw new LabError('PARAM_INVALID', `--set ${key}: no variant has a knob '${key}'`);
  }
  const labels = new Map<string, number>();
  return parsed.map((p) => {
    const shared = Object.fromEntries(
      Object.entries(v.sets).filter(([k]) => p.scenario.knobs.some((x) => x.name === k)),
    );
    const raw = { ...shared, ...p.own };
    const params = resolveParams(p.scenario.id, p.scenario.knobs, raw);
    const names = new Set(p.scenario.plan(params, v.seed).containers.map((c) => c.name));
    const faults: Step[] = [];
    const skippedFaults: string[] = [];
    for (const f of v.faults) {
      const target = 'fault' in f.step ? f.step.fault.target : '';
      if (names.has(target)) faults.push(f.step);
      else skippedFaults.push(`${f.arg} (${p.scenario.id} has no container '${target}')`);
    }
    let label = p.arg;
    const seen = labels.get(label) ?? 0;
    labels.set(label, seen + 1);
    if (seen) label = `${label} #${seen + 1}`;
    return { label, scenario: p.scenario, raw, params, faults, skippedFaults };
  });
}
