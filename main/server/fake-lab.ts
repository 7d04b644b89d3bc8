// FAKE LabService: realistic events without Docker, for UI development (`--fake`) and the
// UI's unit and browser tests. The real app always uses the engine's Lab (main/engine/lab.ts).
import { randomBytes } from 'node:crypto';
import type {
  ChannelName,
  EngineStatus,
  EventName,
  Events,
  ImageProgress,
  Req,
  Res,
  RunSummary,
} from '../contract/channels';
import type { LabService } from '../contract/service';
import type { FaultRequest } from '../engine/events';
import type { KnobSpec, KnobValue } from '../engine/scenario';
import { LabError } from '../engine/errors';
import { FakeRun } from './fake/run';
import { FAKE_SCENARIOS } from './fake/scenarios';
import { fakeExport, fakeReport } from './fake/report';

export interface FakeHistoryRun {
  scenario?: string;
  params?: Record<string, KnobValue>;
  faults?: { at: number; fault: FaultRequest }[];
  instances?: number;
  sampleIds?: boolean;
  /** How long ago it started. */
  minutesAgo?: number;
}

export interface FakeLabOptions {
  /** 'down' answers like an engine that is not running. */
  engine?: 'up' | 'down';
  /** With engine 'down': reachable again after this many engine:status calls. */
  engineUpAfter?: number;
  imagesPresent?: boolean;
  /** Runs already "on disk" when the lab starts (played instantly). */
  history?: FakeHistoryRun[];
  probeIntervalMs?: number;
  /** Time a fake image build takes, per image. */
  imageBuildMs?: number;
  /** Shape of runs started with runs:start (e.g. 10 instances for a load test). */
  live?: {
    instances?: number;
    sampleIds?: boolean;
    /** The run begins this far in the past (played at once). */ headStartMs?: number;
  };
}

export type FakeLab = LabService & { close(): Promise<void> };

export const DEFAULT_FAKE_HISTORY: FakeHistoryRun[] = [
  {
    params: { rate: 8, durationS: 40, mode: 'memory' },
    faults: [{ at: 12_000, fault: { kind: 'kill', target: 'order-2', durationMs: 6000 } }],
    minutesAgo: 95,
  },
  {
    params: { rate: 8, durationS: 40, mode: 'file' },
    faults: [{ at: 18_000, fault: { kind: 'kill', target: 'order-2', durationMs: 6000 } }],
    minutesAgo: 40,
  },
];

const IMAGES = ['service', 'haproxy', 'postgres', 'kafka', 'connect', 'toxiproxy'];

export function createFakeLab(options: FakeLabOptions = {}): FakeLab {
  const listeners = new Map<EventName, Set<(p: never) => void>>();
  const runs = new Map<string, { run: FakeRun; wallStart: number; live: boolean }>();
  const present = new Map(IMAGES.map((n) => [n, options.imagesPresent ?? true]));
  let engineDown = options.engine === 'down';
  let statusCalls = 0;
  let building = false;
  const timers = new Set<NodeJS.Timeout>();

  function emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload);
  }

  function later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const r of runs.values())
      if (r.live && r.run.status === 'running') r.run.sim.advance(now - r.wallStart);
  }, 50);
  ticker.unref();

  function status(): EngineStatus {
    const images = IMAGES.map((n) => ({ name: n, tag: '0.1.0', present: present.get(n)! }));
    if (engineDown) {
      return {
        reachable: false,
        address: 'unix:///var/run/docker.sock',
        hint: 'Docker engine not reachable at unix:///var/run/docker.sock: start it (sudo systemctl start docker), or set DOCKER_HOST to a running engine.',
        images: images.map((i) => ({ ...i, present: false })),
        leftovers: 0,
      };
    }
    return {
      reachable: true,
      address: 'unix:///var/run/docker.sock',
      version: '20.10.24 (fake)',
      apiVersion: '1.41',
      images,
      leftovers: 0,
    };
  }

  function newRun(
    scenario: string,
    params: Record<string, KnobValue>,
    startedAt: Date,
    extra: Partial<FakeHistoryRun> = {},
    live = true,
  ): FakeRun {
    const runId = `${startedAt.toISOString().replace(/[-:]/g, '').slice(0, 15)}-${scenario}-${randomBytes(2).toString('hex')}`;
    const run = new FakeRun({
      runId,
      scenario,
      params,
      seed: randomBytes(4).readUInt32LE(0),
      startedAt,
      instances: extra.instances,
      sampleIds: extra.sampleIds,
      probeIntervalMs: options.probeIntervalMs,
      schedule: extra.faults,
      emit: live ? (event, seq) => emit('run:event', { runId, event, seq }) : undefined,
    });
    runs.set(runId, { run, wallStart: Date.now() - (live ? (options.live?.headStartMs ?? 0) : 0), live });
    return run;
  }

  for (const h of options.history ?? []) {
    const scenario = h.scenario ?? 'split-stores';
    const started = new Date(Date.now() - (h.minutesAgo ?? 60) * 60_000);
    newRun(scenario, withDefaults(scenario, h.params ?? {}), started, h, false).sim.advance(Infinity);
  }

  function liveRun(runId: string): FakeRun {
    const r = runs.get(runId);
    if (!r) throw new LabError('RUN_NOT_FOUND', `no run ${runId}`);
    r.run.sim.advance(Date.now() - r.wallStart);
    return r.run;
  }

  function summary(run: FakeRun): RunSummary {
    const meta = run.events[0];
    const verdict = run.events.find((e) => e.type === 'verdict');
    return {
      runId: run.runId,
      scenario: meta.type === 'meta' ? meta.scenario : 'unknown',
      params: meta.type === 'meta' ? (meta.params as Record<string, KnobValue>) : {},
      startedAt: meta.type === 'meta' ? meta.startedAt : '',
      endedAt: run.endedAt,
      status: run.status,
      valid: verdict?.type === 'verdict' ? verdict.verdict.valid : undefined,
      dir: `(fake lab: in memory)/${run.runId}`,
    };
  }

  function buildImages(names: string[]): void {
    const todo = names.length ? names.filter((n) => IMAGES.includes(n)) : IMAGES;
    const per = options.imageBuildMs ?? 1500;
    const progress = (name: string, p: Omit<ImageProgress, 'name' | 'tag'>): void =>
      emit('images:progress', { name, tag: '0.1.0', ...p });
    building = true;
    todo.forEach((n) => progress(n, { state: 'queued', progress: 0 }));
    let at = 0;
    for (const n of todo) {
      if (present.get(n)) {
        later(at + 100, () => progress(n, { state: 'cached', progress: 1 }));
        at += 150;
        continue;
      }
      const steps = [
        'FROM debian:bookworm-slim',
        'RUN apt-get install -y nodejs',
        'COPY package.json',
        'RUN npm ci',
        'COPY dist',
        'LABEL io.chaoslab.managed=true',
      ];
      later(at, () => progress(n, { state: 'preparing', progress: 0.02, step: 'sending build context' }));
      steps.forEach((step, i) =>
        later(at + ((i + 1) * per) / (steps.length + 1), () =>
          progress(n, {
            state: 'building',
            progress: (i + 1) / (steps.length + 1),
            step: `Step ${i + 1}/${steps.length}: ${step}`,
          }),
        ),
      );
      at += per;
      later(at, () => {
        present.set(n, true);
        progress(n, { state: 'done', progress: 1 });
      });
    }
    later(at + 10, () => {
      building = false;
      emit('engine:changed', status());
    });
  }

  const handlers: { [K in ChannelName]: (req: Req<K>) => Res<K> } = {
    'engine:status': () => {
      statusCalls++;
      if (engineDown && options.engineUpAfter !== undefined && statusCalls > options.engineUpAfter)
        engineDown = false;
      return status();
    },
    'scenarios:list': () => FAKE_SCENARIOS,
    'images:build': (req) => {
      requireEngine();
      if (!building) buildImages(req.names ?? []);
      return { started: true };
    },
    'runs:start': (req) => {
      requireEngine();
      if (!FAKE_SCENARIOS.some((s) => s.id === req.scenario))
        throw new LabError('SCENARIO_UNKNOWN', `no scenario "${req.scenario}"`);
      const extra = { instances: options.live?.instances, sampleIds: options.live?.sampleIds };
      const startedAt = new Date(Date.now() - (options.live?.headStartMs ?? 0));
      return { runId: newRun(req.scenario, withDefaults(req.scenario, req.params), startedAt, extra).runId };
    },
    'runs:fault': (req) => ({ faultId: liveRun(req.runId).fault(req.fault, 'user') }),
    'runs:control': (req) => liveRun(req.runId).control(req.paused, req.rate),
    'runs:stop': (req) => {
      liveRun(req.runId).stop();
      return { stopped: true };
    },
    'runs:list': () =>
      [...runs.values()].map((r) => summary(r.run)).sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    'runs:get': (req) => {
      const run = liveRun(req.runId);
      return {
        summary: summary(run),
        events: run.events.slice(),
        report: run.status === 'running' ? null : fakeReport(run.events),
      };
    },
    'runs:export': (req) => {
      const run = liveRun(req.runId);
      return fakeExport(run.runId, run.events, req.format);
    },
    'containers:logs': (req) => ({ lines: liveRun(req.runId).logs(req.name, req.tail) }),
  };

  function requireEngine(): void {
    if (engineDown) throw new LabError('DOCKER_UNAVAILABLE', status().hint!);
  }

  return {
    async handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
      const h = handlers[channel] as (r: Req<K>) => Res<K>;
      return h(req);
    },
    subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: never) => void;
      set.add(l);
      return () => void set.delete(l);
    },
    async close() {
      clearInterval(ticker);
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const r of runs.values()) r.run.sim.clear();
      listeners.clear();
    },
  };
}

/** Knob defaults filled in; out-of-range values refused like the real lab would. */
function withDefaults(scenario: string, params: Record<string, KnobValue>): Record<string, KnobValue> {
  const knobs: KnobSpec[] = FAKE_SCENARIOS.find((s) => s.id === scenario)?.knobs ?? [];
  const out: Record<string, KnobValue> = {};
  for (const k of knobs) {
    const v = params[k.name] ?? k.default;
    const ok =
      k.kind === 'int'
        ? typeof v === 'number' && Number.isInteger(v) && v >= k.min && v <= k.max
        : k.kind === 'enum'
          ? typeof v === 'string' && k.values.includes(v)
          : typeof v === 'boolean';
    if (!ok)
      throw new LabError(
        'PARAM_INVALID',
        `${k.name}: ${JSON.stringify(v)} is not allowed (${k.kind === 'int' ? `${k.min}..${k.max}` : k.kind === 'enum' ? k.values.join('|') : 'true|false'})`,
      );
    out[k.name] = v;
  }
  return out;
}
