// The experiment file: zod schemas that both validate a user's YAML/JSON file and generate
// scenarios/schema/experiment.schema.json (z.toJSONSchema of these same objects).
// Two forms: one composes the lab's building blocks (services, load balancer, workload,
// faults, probes, checks, steady-state hypothesis, rollbacks); the other references a
// built-in scenario with params and adds faults, a hypothesis and rollbacks to it.
import { z } from 'zod';

export const MAX_AT_MS = 3_600_000;
export const MAX_DURATION_MS = 600_000;

const ms = (max: number, what: string) => z.int().min(0).max(max).describe(what);

/** A container's logical name in the run: order-1, order-2, lb... */
const containerName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/,
    'expected a container name such as order-2 or lb (letters, digits, "-", "_", ".")',
  )
  .describe('a container of the run, by its logical name: order-1 … order-N, lb');

export const FAULT_KINDS = [
  'kill',
  'stop',
  'start',
  'restart',
  'pause',
  'unpause',
  'partition',
  'heal',
  'point',
  'latency',
  'bandwidth',
  'timeout',
  'reset',
] as const;
export const POINT_ACTIONS = ['kill', 'stop', 'pause', 'release'] as const;
export const ROLLBACK_KINDS = ['start', 'unpause', 'heal', 'restart'] as const;

export const faultSchema = z
  .strictObject({
    at: ms(MAX_AT_MS, 'when, in ms after the workload starts'),
    kind: z.enum(FAULT_KINDS).describe('what to do to the target'),
    target: containerName,
    peer: containerName
      .optional()
      .describe('partition only: the container to cut the target off from (all when absent)'),
    durationMs: z
      .int()
      .min(1)
      .max(MAX_DURATION_MS)
      .optional()
      .describe(
        'heal automatically after this long (kill/stop: start again; pause: unpause; partition: reconnect)',
      ),
    point: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/, 'expected a point name such as after-commit-before-publish')
      .optional()
      .describe('point only: the named point in the target service to arm'),
    then: z
      .enum(POINT_ACTIONS)
      .optional()
      .describe('point only: what to do when the service holds there (default kill)'),
    timeoutMs: z
      .int()
      .min(1)
      .max(MAX_DURATION_MS)
      .optional()
      .describe('point only: how long to wait for the point to be reached (default 60 s)'),
    latencyMs: z
      .int()
      .min(0)
      .max(60_000)
      .optional()
      .describe('latency only: ms added to every response through the Toxiproxy in front of the target'),
    jitterMs: z.int().min(0).max(60_000).optional().describe('latency only: plus or minus this many ms'),
    rateKBps: z
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe('bandwidth only: responses limited to this many KB/s'),
    afterMs: z
      .int()
      .min(0)
      .max(600_000)
      .optional()
      .describe('timeout/reset only: close (reset) each connection this long after it opens'),
  })
  .describe('one timed step of the fault schedule');

export const rollbackSchema = z
  .strictObject({
    kind: z.enum(ROLLBACK_KINDS).describe('how to undo a fault'),
    target: containerName,
    peer: containerName.optional(),
  })
  .describe(
    'an action run once the method (workload and faults) is over, before the steady state is checked again',
  );

export const CHECK_NAMES = [
  'store-counts',
  'split-data',
  'read-your-writes',
  'lost-writes',
  'convergence',
  'duplicates',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export const checkSchema = z.union(
  [
    z.enum(CHECK_NAMES),
    z.strictObject({
      name: z.enum(CHECK_NAMES),
      requireConvergence: z
        .boolean()
        .optional()
        .describe('convergence only: invalid when the stores never converge'),
      withinMs: z
        .int()
        .min(0)
        .max(MAX_AT_MS)
        .optional()
        .describe('convergence only: ...within this long after the last fault'),
    }),
  ],
  { error: `expected a check name (${CHECK_NAMES.join(' | ')}) or {name, requireConvergence?, withinMs?}` },
);

export const steadyStateProbeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('stores-reachable').describe('every store answers a direct read') }),
  z.strictObject({
    kind: z.literal('stores-respond-within').describe('every store answers a direct read within maxMs'),
    maxMs: z.int().min(1).max(60_000),
  }),
]);

export const steadyStateSchema = z
  .strictObject({
    title: z.string().max(200).optional(),
    probes: z.array(steadyStateProbeSchema).min(1).max(10),
    settleMs: ms(
      60_000,
      'wait this long after the last fault and the rollbacks before checking again',
    ).optional(),
  })
  .describe(
    'checked before the first fault and again after recovery: met / not met, in the verdict as check "steady-state"',
  );

export const expectedSchema = z
  .strictObject({
    valid: z.union([z.boolean(), z.literal('unknown')]),
    anomalies: z.array(z.string().max(100)).max(50),
  })
  .describe('what a run is expected to show (printed in the report next to what it did show)');

const common = {
  $schema: z.string().max(500).optional(),
  version: z.literal(1).optional().describe('file format version'),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'expected lower-case letters, digits and "-" (at most 41)')
    .optional()
    .describe('the run id prefix; defaults to the file name'),
  title: z.string().max(200).optional(),
  description: z.string().max(5000).optional(),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  faults: z.array(faultSchema).max(200).optional(),
  steadyState: steadyStateSchema.optional(),
  rollbacks: z.array(rollbackSchema).max(50).optional(),
  expected: expectedSchema.optional(),
};

export const orderServiceSchema = z.strictObject({
  instances: z.int().min(1).max(5).describe('instances of the order service, order-1 … order-N'),
  store: z
    .enum(['memory', 'file'])
    .describe('embedded SQLite store: in memory (lost on a kill) or in a file'),
});

export const workloadSchema = z
  .strictObject({
    users: z.int().min(1).max(20).optional().describe('users placing orders side by side (default 1)'),
    orders: z.int().min(1).max(500).describe('orders (add) each user places'),
    reads: z.int().min(0).max(100).describe('list reads each user makes after the orders'),
    intervalMs: z.int().min(20).max(5000).describe('time between one user’s requests'),
    readsFromMs: ms(MAX_AT_MS, 'start the reads at this time instead of right after the orders').optional(),
  })
  .describe('each user adds orders then lists them, through the load balancer');

export const composedExperimentSchema = z
  .strictObject({
    ...common,
    services: z.strictObject({ order: orderServiceSchema }),
    loadBalancer: z.strictObject({
      kind: z.literal('haproxy'),
      balance: z.literal('roundrobin').optional(),
    }),
    workload: workloadSchema,
    probes: z
      .strictObject({
        storeSampleMs: z.int().min(50).max(10_000).describe('how often each store is sampled'),
      })
      .optional(),
    checks: z.array(checkSchema).min(1).max(20),
    quiesceMs: ms(600_000, 'wait after the schedule (and every heal) before the final reads').optional(),
  })
  .describe('an experiment composed of the lab’s building blocks');

export const referenceExperimentSchema = z
  .strictObject({
    ...common,
    // A plain id here (checked against the catalog when the file is composed), so that the
    // generated JSON Schema does not change each time a scenario is added.
    scenario: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a scenario id such as split-stores (chaoslab list)')
      .describe('a built-in scenario id (chaoslab list)'),
    params: z
      .record(z.string().max(100), z.union([z.number(), z.string().max(1000), z.boolean()]))
      .optional()
      .describe('the scenario’s knobs (chaoslab list)'),
  })
  .describe('a built-in scenario with params, plus faults, a steady-state hypothesis and rollbacks');

/** The whole file: the union of both forms. The loader picks the form by the `scenario` key. */
export const experimentSchema = z.union([composedExperimentSchema, referenceExperimentSchema]).meta({
  title: 'Chaos Lab experiment',
  description: 'A YAML or JSON experiment for `chaoslab run FILE` and `chaoslab validate FILE`.',
});

export type FaultSpec = z.infer<typeof faultSchema>;
export type RollbackSpec = z.infer<typeof rollbackSchema>;
export type CheckSpec = z.infer<typeof checkSchema>;
export type SteadyStateSpec = z.infer<typeof steadyStateSchema>;
export type SteadyStateProbe = z.infer<typeof steadyStateProbeSchema>;
export type ComposedExperiment = z.infer<typeof composedExperimentSchema>;
export type ReferenceExperiment = z.infer<typeof referenceExperimentSchema>;
export type Experiment = ComposedExperiment | ReferenceExperiment;

export function isReference(e: Experiment): e is ReferenceExperiment {
  return 'scenario' in e;
}
