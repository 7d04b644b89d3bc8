// The run lifecycle: setup -> images -> start topology -> run the workload while faults fire
// and probes sample -> heal and quiesce -> final reads -> check -> store -> report.
// Teardown (heal every fault, remove every container) is guaranteed.
import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import path from 'node:path';
import fs from 'node:fs';
import type Docker from 'dockerode';
import type { ImageProgress } from '../contract/channels';
import type { Op } from './history';
import type {
  FaultRequest,
  FaultSource,
  RunEvent,
  RunPhase,
  RunStatus,
  StoreSnapshot,
  TopologyNode,
} from './events';
import type { ScenarioDefinition, ScenarioPlan, Params, Step, Client } from './scenario';
import type { Verdict } from './checks/verdict';
import { LabError } from './errors';
import { RunTopology } from './docker/run-topology';
import { proxiedContainers } from './toxiproxy/proxies';
import { IdSharing } from './probes/id-sharing';
import { RunEventStream, type ContainerEvent } from './docker/event-stream';
import type { Owner } from './docker/labels';
import { ensureBaseImage, ensureImages } from './docker/images';
import { WorkloadClock } from './workload/clock';
import { StoreSampler } from './probes/sampler';
import { sampleEvent } from './probes/sample-event';
import { readStores } from './probes/store-reader';
import { runChecks } from './checks/compose';
import { checksOf, STEADY_BEFORE } from './checks/steady-state';
import { ENGINE_GAP, engineGapsOf, withEngineGaps } from './checks/engine-gap';
import { RunEventLog } from './run-event-log';
import { writeReports, type ReportJson } from './reports/write-reports';
import { sleep } from './docker/wait';
import { runLogger } from './logger';
import { armPoint, disarmPoint, releasePoint, waitForHit } from './faults/named-point';

export const LAB_VERSION = '0.1.0';

export interface RunnerDeps {
  docker: Docker;
  owner: Owner;
  publishHost: string;
}

export interface StartRunOptions {
  scenario: ScenarioDefinition;
  params: Params;
  seed?: number;
  /** Directory that will hold run.jsonl and the reports. */
  outDir: string;
  runId?: string;
  onEvent?(e: RunEvent): void;
  onImageProgress?(p: ImageProgress): void;
  /** Faults to add to the scenario's own schedule (CLI --fault, compare). */
  extraFaults?: Step[];
  /**
   * Called after the final reads, before teardown, with direct access to the containers:
   * lets a test or a person check the stores by hand while they still exist.
   */
  beforeTeardown?(access: ContainerAccess): Promise<void>;
}

export interface ContainerAccess {
  endpoint(container: string, port: number): { host: string; port: number };
  exec(container: string, cmd: string[]): Promise<{ exitCode: number; text: string }>;
  containerId(container: string): string;
}

export interface RunResult {
  runId: string;
  dir: string;
  status: RunStatus;
  verdict: Verdict | null;
  report: ReportJson;
  /** 0 valid, 1 invalid, 2 unknown, 3 the run could not be carried out. */
  exitCode: number;
}

/**
 * Kinds that can lose what a container holds in memory: the stores it serves are read just
 * before (lost-writes compares with the last read). A pause loses nothing, a network fault neither.
 */
const DESTRUCTIVE = new Set(['kill', 'stop', 'restart']);

export function newRunId(scenarioId: string, now = new Date()): string {
  const ts = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return `${scenarioId}-${ts}-${crypto.randomBytes(2).toString('hex')}`;
}

function historyOf(events: readonly RunEvent[]): Op[] {
  return events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
}

export class Run {
  readonly runId: string;
  readonly dir: string;
  readonly done: Promise<RunResult>;
  readonly clock = new WorkloadClock();
  readonly plan: ScenarioPlan;
  private readonly t0 = performance.now();
  private readonly abort = new AbortController();
  private topology?: RunTopology;
  /** Samples kept in memory share their ids with the previous sample of their store. */
  private readonly ids = new IdSharing();
  private faultSeq = 0;
  private opSeq = 0;
  /** Containers the lab is acting on: events for them are the lab's, not external. */
  private readonly expected = new Map<string, number>();
  private tearingDown = false;
  private ended = false;
  /** The run's events: on disk (run.jsonl), read back when the whole log is wanted. */
  private readonly eventLog: RunEventLog;
  private stopReason?: string;
  /** Set when the Docker engine is gone for good: the run ends as an error, not aborted. */
  private engineLost?: string;
  private readonly logger;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly o: StartRunOptions,
  ) {
    // Every lane, wait and request listens on the run's one abort signal.
    setMaxListeners(1000, this.abort.signal);
    this.runId = o.runId ?? newRunId(o.scenario.id);
    this.logger = runLogger(this.runId);
    this.dir = o.outDir;
    const seed = o.seed ?? 1;
    this.plan = o.scenario.plan(o.params, seed);
    if (o.extraFaults?.length)
      this.plan.schedule = [...this.plan.schedule, ...o.extraFaults].sort((a, b) => a.at - b.at);
    this.eventLog = new RunEventLog(this.dir); // throws OUTPUT_NOT_WRITABLE before anything starts
    this.record({
      type: 'meta',
      t: 0,
      runId: this.runId,
      scenario: o.scenario.id,
      params: o.params,
      startedAt: new Date().toISOString(),
      seed,
      labVersion: LAB_VERSION,
      owner: deps.owner,
    });
    this.done = this.execute();
  }

  get status(): 'running' | RunStatus {
    return this.eventLog.end?.status ?? 'running';
  }

  /** The phase the run is in (undefined before its first). */
  get currentPhase(): RunPhase | undefined {
    return this.eventLog.phase;
  }

  /** How many events the run has recorded. */
  get eventCount(): number {
    return this.eventLog.size;
  }

  /** Every event recorded so far, in order, read back from run.jsonl (not kept in memory). */
  get events(): RunEvent[] {
    return this.eventLog.all();
  }

  private t(): number {
    return Math.round(performance.now() - this.t0);
  }

  private record(e: RunEvent): void {
    // The log is closed: an action still finishing after a stop (a container start the
    // teardown cut short) is not part of the run.
    if (this.ended) return;
    if (e.type === 'end') this.ended = true;
    this.eventLog.append(e);
    this.o.onEvent?.(e);
  }

  private faultState(
    id: string,
    request: FaultRequest,
    source: FaultSource,
    state: 'requested' | 'applied' | 'failed',
    extra: { error?: unknown; tookMs?: number } = {},
  ): void {
    const error =
      extra.error === undefined
        ? undefined
        : extra.error instanceof Error
          ? extra.error.message
          : String(extra.error);
    this.record({ type: 'fault', t: this.t(), id, request, source, state, error, tookMs: extra.tookMs });
  }

  private phase(phase: RunPhase, detail?: string): void {
    this.logger.info({ phase, detail }, 'phase');
    this.record({ type: 'phase', t: this.t(), phase, detail });
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.logger[level](message);
    this.record({ type: 'log', t: this.t(), level, message });
  }

  /** Stops the run: faults healed, containers removed, status aborted. */
  stop(reason = 'stopped by the user'): void {
    if (this.abort.signal.aborted) return;
    this.stopReason = reason;
    this.abort.abort();
  }

  control(opts: { paused?: boolean; rate?: number }): { paused: boolean; rate: number } {
    this.clock.set(opts);
    this.log('info', `workload ${this.clock.paused ? 'paused' : 'running'} at rate ${this.clock.rate}x`);
    return { paused: this.clock.paused, rate: this.clock.rate };
  }

  async logs(name: string, tail?: number): Promise<string[]> {
    if (!this.topology) throw new LabError('CONTAINER_NOT_FOUND', 'the run has no containers yet');
    return this.topology.logs(name, tail);
  }

  /** Injects a fault now (a click in the UI, or the schedule). Resolves with the fault id. */
  async inject(req: FaultRequest, source: FaultSource = 'user'): Promise<string> {
    const topo = this.topology;
    if (!topo || this.tearingDown)
      throw new LabError('BAD_REQUEST', 'the run is not running: no fault can be injected now');
    topo.get(req.target); // CONTAINER_NOT_FOUND for a bad target
    const id = `f${++this.faultSeq}`;
    this.expected.set(req.target, Date.now() + 20_000);
    if (DESTRUCTIVE.has(req.kind)) await this.snapshotOf(req.target, `before ${req.kind} ${req.target}`);
    const started = performance.now();
    this.faultState(id, req, source, 'requested');
    if (req.kind === 'point') return this.injectAtPoint(id, req, source);
    try {
      await topo.apply(req);
      this.faultState(id, req, source, 'applied', { tookMs: Math.round(performance.now() - started) });
    } catch (e) {
      this.faultState(id, req, source, 'failed', { error: e });
      throw e;
    } finally {
      this.expected.set(req.target, Date.now() + 5_000);
    }
    if (req.durationMs && req.kind !== 'restart') {
      const heal = healFor(req);
      if (heal) {
        void sleep(req.durationMs, this.abort.signal).then(() => {
          // Stopped: teardown heals everything itself; a heal now would race it.
          if (!this.tearingDown && !this.abort.signal.aborted)
            return this.inject(heal, source).catch(() => undefined);
        });
      }
    }
    return id;
  }

  /** Arms a named point, waits until the service holds there, then acts on it. */
  private async injectAtPoint(id: string, req: FaultRequest, source: FaultSource): Promise<string> {
    const topo = this.topology!;
    const c = topo.get(req.target);
    const port = c.spec.controlPort ?? c.spec.ports?.[0];
    if (!port || !req.point) {
      const error = !req.point
        ? 'a point fault needs the name of the point'
        : `${req.target} has no control port for named points`;
      this.faultState(id, req, source, 'failed', { error });
      throw new LabError('BAD_REQUEST', error);
    }
    const ep = () => topo.endpoint(req.target, port);
    const since = await armPoint(ep(), req.point);
    this.log('info', `armed point ${req.point} in ${req.target}`);
    const hit = await waitForHit(ep, req.point, since, req.timeoutMs ?? 60_000, this.abort.signal);
    if (!hit) {
      await disarmPoint(ep(), req.point).catch(() => undefined);
      const error = `${req.target} never reached point ${req.point}`;
      this.faultState(id, req, source, 'failed', { error });
      return id;
    }
    const then = req.then ?? 'kill';
    this.log(
      'info',
      `${req.target} holds at ${req.point}${hit.detail !== undefined ? ` (${JSON.stringify(hit.detail)})` : ''}: ${then}`,
    );
    const started = performance.now();
    this.expected.set(req.target, Date.now() + 20_000);
    try {
      if (then === 'release') await releasePoint(ep(), req.point);
      else {
        if (DESTRUCTIVE.has(then))
          await this.snapshotOf(req.target, `before ${then} ${req.target} at ${req.point}`);
        await topo.apply({ kind: then, target: req.target });
      }
      this.faultState(id, req, source, 'applied', { tookMs: Math.round(performance.now() - started) });
    } catch (e) {
      this.faultState(id, req, source, 'failed', { error: e });
      throw e;
    }
    const heal = then === 'release' ? null : healFor({ kind: then, target: req.target });
    if (heal && req.durationMs) {
      void sleep(req.durationMs, this.abort.signal).then(() => {
        // Stopped: teardown heals everything itself; a heal now would race it.
        if (!this.tearingDown && !this.abort.signal.aborted)
          return this.inject(heal, source).catch(() => undefined);
      });
    }
    return id;
  }

  private async snapshot(reason: string, specs = this.plan.stores): Promise<StoreSnapshot[]> {
    const stores = await readStores(specs, (c, p) => this.topology!.endpoint(c, p), 1000);
    this.record({ type: 'snapshot', t: this.t(), reason, stores });
    return stores;
  }

  /**
   * The stores of rows one container serves, read just before a fault that may lose them; the
   * other stores are not at risk and keep being sampled. Nothing to read: no snapshot.
   */
  private async snapshotOf(target: string, reason: string): Promise<void> {
    const specs = this.plan.stores.filter((s) => s.container === target && (s.kind ?? 'rows') === 'rows');
    if (specs.length) await this.snapshot(reason, specs);
  }

  private onContainerEvent(e: ContainerEvent): void {
    if (!e.name) return;
    this.record({
      type: 'container',
      t: this.t(),
      name: e.name,
      containerId: e.containerId,
      action: e.action,
      exitCode: e.exitCode,
    });
    if (e.action === 'pause' || e.action === 'unpause' || e.action === 'die')
      this.topology?.notePaused(e.name, e.action === 'pause');
    if (this.tearingDown) return;
    const ours = (this.expected.get(e.name) ?? 0) > Date.now();
    if (ours) return;
    const kind =
      e.action === 'die' || e.action === 'oom'
        ? 'kill'
        : e.action === 'start'
          ? 'start'
          : e.action === 'pause'
            ? 'pause'
            : e.action === 'unpause'
              ? 'unpause'
              : null;
    if (!kind) return;
    if (e.action === 'start' && !this.topology) return; // our own start-up
    this.record({
      type: 'fault',
      t: this.t(),
      id: `x${++this.faultSeq}`,
      request: { kind, target: e.name },
      source: 'external',
      state: 'applied',
    });
    if (kind === 'start' && this.topology) void this.topology.refreshPorts(e.name).catch(() => undefined);
  }

  private async execute(): Promise<RunResult> {
    const { docker } = this.deps;
    const plan = this.plan;
    let status: RunStatus = 'completed';
    let error: string | undefined;
    let verdict: Verdict | null = null;
    let finalStores: StoreSnapshot[] = [];
    let events: RunEventStream | undefined;
    let sampler: StoreSampler | undefined;
    let client: Client | undefined;
    try {
      this.phase('images');
      const names = [...new Set(plan.containers.map((c) => c.image))];
      // A stop (Ctrl-C) does not wait for a build: the run ends now, the build goes on alone
      // (and is cancelled by the engine when the process that asked for it exits).
      await this.untilStopped(ensureBaseImage(docker));
      this.checkAborted();
      const tags = (await this.untilStopped(
        ensureImages(docker, names, (p) => this.o.onImageProgress?.(p)),
      )) as Record<string, string>;
      this.checkAborted();

      this.phase('starting');
      events = new RunEventStream(docker, this.runId, {
        onEvent: (e) => this.onContainerEvent(e),
        onBreak: (b) =>
          this.log('warn', `${ENGINE_GAP}: lost the Docker event stream (${b.error}); reconnecting`),
        onGap: (g) =>
          this.log(
            'warn',
            `${ENGINE_GAP}: the Docker event stream was gone for ${g.to - g.from} ms (${g.error}); reconnected`,
          ),
        onLost: (l) => {
          this.engineLost = `the Docker engine is gone: no event stream for ${Date.now() - l.from} ms (${l.error})`;
          this.abort.abort();
        },
      });
      await events.start();
      const topo = new RunTopology({
        docker,
        runId: this.runId,
        owner: this.deps.owner,
        publishHost: this.deps.publishHost,
        tags,
        proxies: plan.proxies,
        onReady: (name, ms) => this.log('info', `${name} ready in ${ms} ms`),
      });
      this.topology = topo;
      const proxied = proxiedContainers(plan.proxies ?? []);
      const withProxy = (name: string) => (proxied.has(name) ? { proxiedBy: proxied.get(name) } : {});
      const nodes: TopologyNode[] = plan.containers.map((c) => ({
        name: c.name,
        role: c.role,
        image: tags[c.image],
        ...withProxy(c.name),
      }));
      this.record({ type: 'topology', t: this.t(), containers: nodes, links: plan.links });
      for (const c of plan.containers) this.expected.set(c.name, Number.MAX_SAFE_INTEGER);
      await topo.up(plan.containers, this.abort.signal);
      for (const c of plan.containers) this.expected.delete(c.name);
      this.record({
        type: 'topology',
        t: this.t(),
        containers: plan.containers.map((c) => ({
          name: c.name,
          role: c.role,
          image: tags[c.image],
          containerId: topo.get(c.name).id,
          state: 'running',
          ...withProxy(c.name),
        })),
        links: plan.links,
      });
      this.checkAborted();

      await this.snapshot(STEADY_BEFORE); // the steady-state hypothesis, before any fault
      this.phase('running');
      sampler = new StoreSampler(
        plan.stores,
        (c, p) => topo.endpoint(c, p),
        plan.probeIntervalMs,
        (s, probe) =>
          this.record(
            sampleEvent(this.t(), probe, s.available ? { ...s, ids: this.ids.share(s.name, s.ids) } : s),
          ),
        plan.consumerLag,
      );
      sampler.start();
      client = plan.client({ endpoint: (c, p) => topo.endpoint(c, p) });
      this.clock.start();
      await this.runSchedule(plan.schedule, client);
      this.checkAborted();

      this.phase('quiesce');
      await this.untilStopped(this.healEverything());
      await sleep(plan.quiesceMs, this.abort.signal);
      this.checkAborted();

      this.phase('final-read');
      sampler.stop();
      finalStores = await this.snapshot('final');

      this.phase('check');
      const recorded = this.events;
      verdict = withEngineGaps(
        runChecks(checksOf(plan), {
          params: this.o.params,
          history: historyOf(recorded),
          finalStores,
          events: recorded,
        }),
        engineGapsOf(recorded),
      );
      this.record({ type: 'verdict', t: this.t(), verdict });
      if (this.o.beforeTeardown) {
        await this.o.beforeTeardown({
          endpoint: (c, p) => topo.endpoint(c, p),
          exec: (c, cmd) => topo.exec(c, cmd),
          containerId: (c) => topo.get(c).id,
        });
      }
    } catch (e) {
      if (this.engineLost) {
        status = 'error';
        error = this.engineLost;
        this.log('error', error);
      } else if (this.abort.signal.aborted) {
        status = 'aborted';
        error = this.stopReason;
      } else {
        status = 'error';
        error =
          e instanceof LabError
            ? e.message + (e.detail ? `\n${e.detail}` : '')
            : e instanceof Error
              ? e.message
              : String(e);
        this.log('error', error);
      }
    } finally {
      this.tearingDown = true;
      sampler?.stop();
      this.phase('teardown');
      await client?.close?.().catch(() => undefined);
      const problems = this.topology ? await this.topology.down() : [];
      for (const p of problems) this.log('warn', `teardown: ${p}`);
      events?.stop();
      this.record({ type: 'end', t: this.t(), status, endedAt: new Date().toISOString(), error });
      this.eventLog.close();
    }
    const report = writeReports(this.dir, this.events, verdict, finalStores, {
      expected: this.plan.expected,
    });
    const exitCode =
      status !== 'completed' || !verdict ? 3 : verdict.valid === true ? 0 : verdict.valid === false ? 1 : 2;
    return { runId: this.runId, dir: this.dir, status, verdict, report, exitCode };
  }

  private checkAborted(): void {
    if (this.abort.signal.aborted) throw new LabError('RUN_ABORTED', this.stopReason ?? 'aborted');
  }

  history(): Op[] {
    return historyOf(this.events);
  }

  /**
   * Waits for `p`, but only until the run is stopped: a fault still being applied (a start
   * waiting for its container to be ready) must not hold up the teardown, which ends it.
   */
  private untilStopped(p: Promise<unknown>): Promise<unknown> {
    const signal = this.abort.signal;
    return new Promise((resolve, reject) => {
      const onAbort = () => resolve(undefined);
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Runs each process lane in order at its scheduled time; the nemesis lane injects faults. */
  private async runSchedule(schedule: Step[], client: Client): Promise<void> {
    const lanes = new Map<string, Step[]>();
    for (const s of schedule) {
      const l = lanes.get(s.process) ?? [];
      l.push(s);
      lanes.set(s.process, l);
    }
    const signal = this.abort.signal;
    await Promise.all(
      [...lanes.entries()].map(async ([process, steps]) => {
        for (const step of steps) {
          await this.clock.until(step.at, signal);
          if (signal.aborted) return;
          if ('fault' in step) {
            try {
              await this.untilStopped(this.inject(step.fault, 'lab'));
            } catch (e) {
              this.log(
                'warn',
                `scheduled fault ${step.fault.kind} ${step.fault.target} failed: ${e instanceof Error ? e.message : String(e)}`,
              );
            }
          } else {
            await this.invoke(client, process, step.f, step.value);
          }
        }
      }),
    );
  }

  private async invoke(client: Client, process: string, f: string, value: unknown): Promise<void> {
    const invoke: Op = { process, type: 'invoke', f, value, time: this.t(), index: this.opSeq++ };
    this.record({ type: 'op', t: invoke.time, op: invoke });
    let done: Op;
    try {
      const c = await client.invoke(invoke, this.abort.signal);
      done = {
        process,
        type: c.type,
        f,
        value: c.value ?? value,
        time: this.t(),
        index: this.opSeq++,
        node: c.node,
        error: c.error,
      };
    } catch (e) {
      done = {
        process,
        type: 'info',
        f,
        value,
        time: this.t(),
        index: this.opSeq++,
        error: e instanceof Error ? e.message : String(e),
      };
    }
    this.record({ type: 'op', t: done.time, op: done });
  }

  /** Ends every fault still in force: unpause, reconnect, and start what is down. */
  private async healEverything(): Promise<void> {
    const topo = this.topology!;
    for (const [name] of topo.containers) this.expected.set(name, Date.now() + 30_000);
    const errors = await topo.healAll();
    for (const e of errors) this.log('warn', `heal: ${e}`);
    for (const [name, c] of topo.containers) {
      if (c.spec.restartable === false) continue;
      if (!(await topo.isRunning(name))) {
        const id = `f${++this.faultSeq}`;
        const req: FaultRequest = { kind: 'start', target: name };
        this.faultState(id, req, 'lab', 'requested');
        try {
          await topo.apply(req);
          this.faultState(id, req, 'lab', 'applied');
        } catch (e) {
          this.faultState(id, req, 'lab', 'failed', { error: e });
        }
      }
    }
  }
}

function healFor(req: FaultRequest): FaultRequest | null {
  switch (req.kind) {
    case 'kill':
    case 'stop':
      return { kind: 'start', target: req.target };
    case 'pause':
      return { kind: 'unpause', target: req.target };
    case 'partition':
    case 'latency':
    case 'bandwidth':
    case 'timeout':
    case 'reset':
      return { kind: 'heal', target: req.target, peer: req.peer };
    default:
      return null;
  }
}

export function ensureDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}
