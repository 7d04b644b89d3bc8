// A validated experiment file -> a ScenarioDefinition the runner can run like a built-in.
// The file's numbers become the scenario's knob defaults, so `--set orders=20` works on a
// file too; the plan is re-checked (fault targets exist...) for whatever params it gets.
import path from 'node:path';
import type { KnobSpec, Params, ScenarioDefinition, ScenarioPlan, Explanation } from '../scenario';
import type { Validity } from '../checks/verdict';
import { LabError } from '../errors';
import { FAULT_OPENS } from '../events';
import { resolveParams } from '../params';
import { scenarios } from '../../../scenarios';
import { orderClient } from '../../../scenarios/split-stores/client';
import {
  isReference,
  type ComposedExperiment,
  type Experiment,
  type ReferenceExperiment,
  type CheckSpec,
} from './schema';
import {
  orderInstanceNames,
  orderServiceContainer,
  haproxyContainer,
  orderStores,
  roundRobinLinks,
  LB_NAME,
} from './blocks';
import { orderWorkloadSchedule } from './workload';
import { checkerFor, checkNameOf } from './checks-catalog';
import { augmentPlan } from './augment';
import { issueAt, ScenarioFileError, type FileIssue } from './issues';
import type { DataPath, ParsedSource } from './source-map';

export interface ComposeContext {
  file: string;
  source?: ParsedSource;
}

export interface ComposedScenario {
  definition: ScenarioDefinition;
  /** The params the file itself sets (the knob defaults). */
  params: Params;
  seed?: number;
}

const BUILTIN_IDS = new Set(scenarios.map((s) => s.id));

/** Checks that make sense only for the order workload's ops. */
export function composeExperiment(e: Experiment, ctx: ComposeContext): ComposedScenario {
  const issues: FileIssue[] = [];
  const at = (p: DataPath, msg: string) => issues.push(issueAt(ctx.source, ctx.file, p, msg));
  const id = scenarioIdFor(e, ctx.file, at);
  const composed = isReference(e) ? composeReference(e, id, ctx, at) : composeOwn(e, id, ctx, at);
  if (issues.length || !composed) throw new ScenarioFileError(issues);
  // Plan once with the file's own params: fault targets, rollbacks... must name containers.
  composed.definition.plan(composed.params, e.seed ?? 1);
  return { ...composed, seed: e.seed };
}

function scenarioIdFor(e: Experiment, file: string, at: (p: DataPath, m: string) => void): string {
  if (e.name) {
    if (BUILTIN_IDS.has(e.name))
      at(['name'], `'${e.name}' is a built-in scenario's id: choose another name for this experiment`);
    return e.name;
  }
  const base =
    path
      .basename(file)
      .replace(/\.(ya?ml|json)$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36) || 'experiment';
  return BUILTIN_IDS.has(base) ? `${base}-file` : base;
}

function label(en: string, ko: string) {
  return { en, ko };
}

function composeOwn(
  e: ComposedExperiment,
  id: string,
  ctx: ComposeContext,
  at: (p: DataPath, m: string) => void,
): Omit<ComposedScenario, 'seed'> {
  checkChecks(e.checks, at);
  const w = e.workload;
  const params: Params = {
    instances: e.services.order.instances,
    storeMode: e.services.order.store,
    users: w.users ?? 1,
    orders: w.orders,
    reads: w.reads,
    intervalMs: w.intervalMs,
  };
  const knobs: KnobSpec[] = [
    {
      name: 'instances',
      kind: 'int',
      default: params.instances as number,
      min: 1,
      max: 5,
      label: label('Instances', '인스턴스 수'),
    },
    {
      name: 'storeMode',
      kind: 'enum',
      default: params.storeMode as string,
      values: ['memory', 'file'],
      label: label('Embedded store', '내장 저장소 방식'),
    },
    {
      name: 'users',
      kind: 'int',
      default: params.users as number,
      min: 1,
      max: 20,
      label: label('Users', '사용자 수'),
    },
    {
      name: 'orders',
      kind: 'int',
      default: params.orders as number,
      min: 1,
      max: 500,
      label: label('Orders per user', '사용자당 주문 수'),
    },
    {
      name: 'reads',
      kind: 'int',
      default: params.reads as number,
      min: 0,
      max: 100,
      label: label('List reads per user', '사용자당 목록 조회 횟수'),
    },
    {
      name: 'intervalMs',
      kind: 'int',
      default: params.intervalMs as number,
      min: 20,
      max: 5000,
      label: label('Time between requests (ms)', '요청 간격 (ms)'),
    },
  ];
  const title = e.title ?? id;
  const description = e.description ?? `An experiment composed in ${path.basename(ctx.file)}.`;
  const explanation: Explanation = {
    problem: description,
    pattern:
      'Composed from an experiment file: order service instances, each with its own embedded store, behind a round-robin HAProxy.',
    tryThis: `chaoslab run ${path.basename(ctx.file)} --set instances=3 (or any other knob)`,
    expect: e.expected
      ? `Verdict ${String(e.expected.valid)}${e.expected.anomalies.length ? ` with ${e.expected.anomalies.join(', ')}` : ''}.`
      : 'See the verdict.',
  };
  const definition: ScenarioDefinition = {
    id,
    pack: 1,
    title: label(title, title),
    summary: label(description, description),
    explanation: { en: explanation, ko: explanation },
    seeds: [],
    knobs,
    plan(p: Params): ScenarioPlan {
      const names = orderInstanceNames(p.instances as number);
      const containers = [
        ...names.map((n) => orderServiceContainer(n, String(p.storeMode))),
        haproxyContainer(names),
      ];
      checkTargets(
        e,
        containers.map((c) => c.name),
        ctx,
      );
      const base: ScenarioPlan = {
        containers,
        links: roundRobinLinks(names),
        stores: orderStores(names),
        schedule: orderWorkloadSchedule({
          users: p.users as number,
          orders: p.orders as number,
          reads: p.reads as number,
          intervalMs: p.intervalMs as number,
          readsFromMs: w.readsFromMs,
        }),
        client: (c) => orderClient(c, LB_NAME),
        checks: e.checks.map(checkerFor),
        probeIntervalMs: e.probes?.storeSampleMs ?? 250,
        quiesceMs: e.quiesceMs ?? 1000,
        expected: e.expected ?? expectedFor(e, p),
      };
      return augmentPlan(base, {
        faults: e.faults ?? [],
        rollbacks: e.rollbacks ?? [],
        steadyState: e.steadyState,
      });
    },
  };
  return { definition, params };
}

function composeReference(
  e: ReferenceExperiment,
  id: string,
  ctx: ComposeContext,
  at: (p: DataPath, m: string) => void,
): Omit<ComposedScenario, 'seed'> | null {
  const builtin = scenarios.find((s) => s.id === e.scenario);
  if (!builtin) {
    at(
      ['scenario'],
      `unknown scenario '${e.scenario}': expected one of ${scenarios.map((s) => s.id).join(', ')}`,
    );
    return null;
  }
  const raw = e.params ?? {};
  const params: Params = {};
  for (const [key, value] of Object.entries(raw)) {
    try {
      Object.assign(params, pick(resolveParams(builtin.id, builtin.knobs, { [key]: value }), key));
    } catch (err) {
      at(['params', key], err instanceof LabError ? err.message : String(err));
    }
  }
  const resolved = { ...resolveParams(builtin.id, builtin.knobs, {}), ...params };
  const knobs = builtin.knobs.map((k) => withDefault(k, resolved[k.name]));
  const definition: ScenarioDefinition = {
    ...builtin,
    id,
    title: e.title ? label(e.title, e.title) : builtin.title,
    summary: e.description ? label(e.description, e.description) : builtin.summary,
    knobs,
    plan(p: Params, seed: number): ScenarioPlan {
      const base = builtin.plan(p, seed);
      checkTargets(
        e,
        base.containers.map((c) => c.name),
        ctx,
      );
      const plan = augmentPlan(base, {
        faults: e.faults ?? [],
        rollbacks: e.rollbacks ?? [],
        steadyState: e.steadyState,
      });
      return e.expected ? { ...plan, expected: e.expected } : plan;
    },
  };
  return { definition, params: resolved };
}

function pick(p: Params, key: string): Params {
  return { [key]: p[key] };
}

function withDefault(k: KnobSpec, v: Params[string] | undefined): KnobSpec {
  if (v === undefined) return k;
  switch (k.kind) {
    case 'int':
      return { ...k, default: v as number };
    case 'enum':
      return { ...k, default: v as string };
    case 'bool':
      return { ...k, default: v as boolean };
  }
}

function checkChecks(checks: CheckSpec[], at: (p: DataPath, m: string) => void): void {
  const seen = new Set<string>();
  checks.forEach((c, i) => {
    const name = checkNameOf(c);
    if (seen.has(name)) at(['checks', i], `check '${name}' is listed twice`);
    seen.add(name);
    if (typeof c !== 'string' && name !== 'convergence') {
      for (const opt of ['requireConvergence', 'withinMs'] as const) {
        if (c[opt] !== undefined)
          at(['checks', i, opt], `${opt} applies only to the convergence check, not to '${name}'`);
      }
    }
  });
}

const LASTING: ReadonlySet<string> = FAULT_OPENS;
const NETWORK_FIELDS = {
  latencyMs: ['latency'],
  jitterMs: ['latency'],
  rateKBps: ['bandwidth'],
  afterMs: ['timeout', 'reset'],
} as const;

/** Every fault and rollback names a container of the plan. Throws with every problem found. */
function checkTargets(e: Experiment, containers: string[], ctx: ComposeContext): void {
  const issues: FileIssue[] = [];
  const known = new Set(containers);
  const list = containers.join(', ');
  const at = (p: DataPath, msg: string) => issues.push(issueAt(ctx.source, ctx.file, p, msg));
  const look = (
    group: 'faults' | 'rollbacks',
    i: number,
    f: {
      kind: string;
      target: string;
      peer?: string;
      durationMs?: number;
      point?: string;
      then?: string;
      timeoutMs?: number;
      latencyMs?: number;
      jitterMs?: number;
      rateKBps?: number;
      afterMs?: number;
    },
  ) => {
    if (!known.has(f.target))
      at([group, i, 'target'], `no container '${f.target}' in this experiment: expected one of ${list}`);
    if (f.peer !== undefined) {
      if (f.kind !== 'partition' && f.kind !== 'heal')
        at([group, i, 'peer'], `peer applies only to partition and heal, not to '${f.kind}'`);
      else if (f.peer !== 'all' && !known.has(f.peer))
        at([group, i, 'peer'], `no container '${f.peer}' in this experiment: expected one of ${list} or all`);
      else if (f.peer === f.target) at([group, i, 'peer'], 'a container cannot be partitioned from itself');
    }
    if (f.durationMs !== undefined && !LASTING.has(f.kind))
      at(
        [group, i, 'durationMs'],
        `durationMs applies only to ${[...LASTING].join(', ')}, not to '${f.kind}'`,
      );
    if (f.kind === 'point' && f.point === undefined)
      at([group, i], "a point fault needs 'point': the name of the point to arm");
    if (f.kind !== 'point') {
      for (const k of ['point', 'then', 'timeoutMs'] as const)
        if (f[k] !== undefined) at([group, i, k], `${k} applies only to kind point, not to '${f.kind}'`);
    }
    for (const [k, kinds] of Object.entries(NETWORK_FIELDS) as [
      keyof typeof NETWORK_FIELDS,
      readonly string[],
    ][])
      if (f[k] !== undefined && !kinds.includes(f.kind))
        at([group, i, k], `${k} applies only to ${kinds.join(' and ')}, not to '${f.kind}'`);
  };
  (e.faults ?? []).forEach((f, i) => look('faults', i, f));
  (e.rollbacks ?? []).forEach((f, i) => look('rollbacks', i, f));
  if (issues.length) throw new ScenarioFileError(issues);
}

/** What a composed experiment should show when the file does not say: as split-stores. */
function expectedFor(e: ComposedExperiment, p: Params): { valid: Validity; anomalies: string[] } {
  const names = new Set(e.checks.map(checkNameOf));
  const anomalies: string[] = [];
  const writes = (p.users as number) * (p.orders as number);
  if ((p.instances as number) > 1 && writes > 1) {
    if (names.has('split-data')) anomalies.push('split-data');
    if (names.has('read-your-writes') && (p.reads as number) > 0) anomalies.push('read-your-writes');
  }
  const killsAStore = (e.faults ?? []).some(
    (f) => (f.kind === 'kill' || f.kind === 'restart') && f.target.startsWith('order-'),
  );
  if (killsAStore && p.storeMode === 'memory' && names.has('lost-writes')) anomalies.push('lost-write');
  return { valid: anomalies.length ? false : true, anomalies };
}
