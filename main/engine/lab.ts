// The lab: one object the CLI, the Electron IPC and the WebSocket bridge all talk to.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import type Docker from 'dockerode';
import type { LabService } from '../contract/service';
import type {
  ChannelName,
  Req,
  Res,
  EventName,
  Events,
  EngineStatus,
  ScenarioSummary,
  ImageProgress,
} from '../contract/channels';
import { scenarios, getScenario } from '../../scenarios';
import { LabError } from './errors';
import { connectDocker, engineAddress, pingEngine, unavailableHint } from './docker/connection';
import { currentOwner, listLeftovers, reap } from './docker/reaper';
import { imagesStatus, ensureImages, ensureBaseImage, listImageNames } from './docker/images';
import { resolveParams } from './params';
import { Run, newRunId, type RunResult, type StartRunOptions } from './runner';
import type { Step } from './scenario';
import type { RunEvent } from './events';
import { listRuns, summarize } from './run-index';
import { readRunLog } from './run-store';
import { exportRun } from './reports/export-run';
import { markAbandonedRuns } from './abandoned-runs';
import { logger } from './logger';

export interface LabOptions {
  runsDir?: string;
  docker?: Docker;
}

export interface StartOptions {
  outDir?: string;
  seed?: number;
  extraFaults?: Step[];
  onEvent?: (e: RunEvent) => void;
  onImageProgress?: (p: ImageProgress) => void;
  beforeTeardown?: StartRunOptions['beforeTeardown'];
}

export function defaultRunsDir(): string {
  return process.env.CHAOSLAB_RUNS_DIR ?? path.join(os.homedir(), '.chaoslab', 'runs');
}

export function scenarioSummaries(): ScenarioSummary[] {
  return scenarios.map((s) => ({
    id: s.id,
    pack: s.pack,
    title: s.title,
    summary: s.summary,
    explanation: s.explanation,
    knobs: s.knobs,
    seeds: s.seeds,
  }));
}

export class Lab implements LabService {
  readonly docker: Docker;
  readonly runsDir: string;
  readonly owner = currentOwner();
  private readonly runs = new Map<string, Run>();
  private readonly emitter = new EventEmitter();

  constructor(o: LabOptions = {}) {
    this.docker = o.docker ?? connectDocker();
    this.runsDir = path.resolve(o.runsDir ?? defaultRunsDir());
    this.emitter.setMaxListeners(100);
  }

  /** Reaps what crashed runs left and marks their logs aborted. Never throws. */
  async init(): Promise<void> {
    try {
      await pingEngine(this.docker);
      const r = await reap(this.docker);
      if (r.containers.length || r.networks.length)
        logger.warn({ reaped: r }, 'removed what crashed lab processes left');
      const marked = markAbandonedRuns(this.runsDir, new Set(r.runs));
      if (marked.length) logger.warn({ marked }, 'closed abandoned runs as aborted');
    } catch (e) {
      logger.info(
        { err: e instanceof Error ? e.message : String(e) },
        'engine not reachable at start; nothing reaped',
      );
      markAbandonedRuns(this.runsDir, new Set());
    }
  }

  async engineStatus(): Promise<EngineStatus> {
    const address = engineAddress();
    try {
      const v = await pingEngine(this.docker, address);
      const [images, leftovers] = await Promise.all([imagesStatus(this.docker), listLeftovers(this.docker)]);
      return {
        reachable: true,
        address: address.display,
        version: v.version,
        apiVersion: v.apiVersion,
        images,
        leftovers: leftovers.length,
      };
    } catch (e) {
      return {
        reachable: false,
        address: address.display,
        // pingEngine's one line names the cause (TLS, ssh login, ...) and its fix.
        hint: e instanceof LabError ? e.message : unavailableHint(address),
        images: [],
        leftovers: 0,
      };
    }
  }

  startRun(scenarioId: string, rawParams: Record<string, unknown>, o: StartOptions = {}): Run {
    const scenario = getScenario(scenarioId);
    const params = resolveParams(scenario.id, scenario.knobs, rawParams);
    const runId = newRunId(scenario.id);
    const outDir = path.resolve(o.outDir ?? path.join(this.runsDir, runId));
    let seq = 0;
    const run = new Run(
      { docker: this.docker, owner: this.owner, publishHost: engineAddress().publishHost },
      {
        scenario,
        params,
        seed: o.seed,
        outDir,
        runId,
        extraFaults: o.extraFaults,
        beforeTeardown: o.beforeTeardown,
        onEvent: (event) => {
          o.onEvent?.(event);
          // seq = the event's index in run.jsonl, so a view can join history and live events.
          this.emit('run:event', { runId, event, seq: seq++ });
        },
        onImageProgress: (p) => {
          o.onImageProgress?.(p);
          this.emit('images:progress', p);
        },
      },
    );
    this.runs.set(runId, run);
    void run.done.finally(() => setTimeout(() => this.runs.delete(runId), 60_000).unref());
    return run;
  }

  getRun(runId: string): Run {
    const r = this.runs.get(runId);
    if (!r) throw new LabError('RUN_NOT_FOUND', `no active run '${runId}'`);
    return r;
  }

  private emit<E extends EventName>(event: E, payload: Events[E]): void {
    this.emitter.emit(event, payload);
  }

  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private findRunDir(runId: string): string {
    const active = this.runs.get(runId);
    if (active) return active.dir;
    const dir = path.join(this.runsDir, path.basename(runId));
    if (!fs.existsSync(path.join(dir, 'run.jsonl')))
      throw new LabError('RUN_NOT_FOUND', `no stored run '${runId}' in ${this.runsDir}`);
    return dir;
  }

  async handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
    return (await this.dispatch(channel, req as never)) as Res<K>;
  }

  private async dispatch(channel: ChannelName, req: never): Promise<unknown> {
    switch (channel) {
      case 'engine:status':
        return this.engineStatus();
      case 'scenarios:list':
        return scenarioSummaries();
      case 'images:build': {
        const r = req as Req<'images:build'>;
        const names = r.names ?? listImageNames();
        void ensureBaseImage(this.docker)
          .then(() => ensureImages(this.docker, names, (p) => this.emit('images:progress', p)))
          .catch(() => undefined); // failures arrive as 'failed' progress
        return { started: true };
      }
      case 'runs:start': {
        const r = req as Req<'runs:start'>;
        const run = this.startRun(r.scenario, r.params);
        return { runId: run.runId };
      }
      case 'runs:fault': {
        const r = req as Req<'runs:fault'>;
        const faultId = await this.getRun(r.runId).inject(r.fault, 'user');
        return { faultId };
      }
      case 'runs:control': {
        const r = req as Req<'runs:control'>;
        return this.getRun(r.runId).control({ paused: r.paused, rate: r.rate });
      }
      case 'runs:stop': {
        const r = req as Req<'runs:stop'>;
        const run = this.getRun(r.runId);
        run.stop();
        await run.done;
        return { stopped: true };
      }
      case 'runs:list': {
        const stored = listRuns(this.runsDir);
        const ids = new Set(stored.map((s) => s.runId));
        for (const run of this.runs.values()) {
          if (!ids.has(run.runId)) {
            const s = summarize(run.dir, run.events);
            if (s) stored.unshift(s);
          }
        }
        return stored;
      }
      case 'runs:get': {
        const r = req as Req<'runs:get'>;
        const active = this.runs.get(r.runId);
        const dir = this.findRunDir(r.runId);
        const events = active ? [...active.events] : readRunLog(dir).events;
        const summary = summarize(dir, events);
        if (!summary) throw new LabError('RUN_NOT_FOUND', `run '${r.runId}' has no readable log`);
        const reportPath = path.join(dir, 'report.json');
        const report = fs.existsSync(reportPath) ? JSON.parse(fs.readFileSync(reportPath, 'utf8')) : null;
        return { summary, events, report };
      }
      case 'runs:export': {
        const r = req as Req<'runs:export'>;
        return exportRun(this.findRunDir(r.runId), r.format);
      }
      case 'containers:logs': {
        const r = req as Req<'containers:logs'>;
        return { lines: await this.getRun(r.runId).logs(r.name, r.tail) };
      }
      default:
        throw new LabError('BAD_REQUEST', `unknown channel '${String(channel)}'`);
    }
  }

  /** Stops every active run (faults healed, containers removed) and waits for them. */
  async close(): Promise<RunResult[]> {
    const active = [...this.runs.values()].filter((r) => r.status === 'running');
    for (const r of active) r.stop('the lab is shutting down');
    return Promise.all(active.map((r) => r.done));
  }
}

export async function createLab(o: LabOptions = {}): Promise<Lab> {
  const lab = new Lab(o);
  await lab.init();
  return lab;
}
