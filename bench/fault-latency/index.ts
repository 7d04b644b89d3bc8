// fault-latency: from a kill/pause/partition request to Docker's event for it. The lab's
// API (Run.inject on a running split-stores run) against the docker CLI doing the same to a
// twin container. Same event stream for both; interleaved lab, CLI, lab, CLI ...
import type { FaultKind, FaultRequest, RunEvent } from '../../main/engine/events';
import type Docker from 'dockerode';
import type { Run } from '../../main/engine/runner';
import type { Lab } from '../../main/engine/lab';
import type { ContainerSpec } from '../../main/engine/scenario';
import { median, fmtRatio } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, planOf, warmImages } from '../lib/docker-env';
import { runCmd } from '../startup/compose-side';
import { EventWaiter } from './event-waiter';
import { createTwin, type Twin } from './twin';

const TARGET = 0.5;
const TARGET_NAME = 'order-2';
const EVENT_TIMEOUT_MS = 20_000;
const KINDS = ['kill', 'pause', 'partition'] as const;
type Kind = (typeof KINDS)[number];

const EVENT_FOR: Record<Kind, string[]> = { kill: ['kill'], pause: ['pause'], partition: ['disconnect'] };
const HEAL_FOR: Record<Kind, FaultKind> = { kill: 'start', pause: 'unpause', partition: 'heal' };

function cliArgs(kind: Kind, twin: Twin): string[] {
  if (kind === 'kill') return ['kill', twin.name];
  if (kind === 'pause') return ['pause', twin.name];
  return ['network', 'disconnect', '-f', twin.network, twin.name];
}

async function cliHeal(kind: Kind, twin: Twin): Promise<void> {
  if (kind === 'partition') {
    const r = await runCmd(
      'docker',
      ['network', 'connect', '--alias', twin.alias, twin.network, twin.name],
      60_000,
    );
    if (r.code !== 0) throw new Error(`docker network connect: ${r.out}`);
  }
  await twin.waitReady(); // starts a killed twin, unpauses a paused one; waits for /health
}

/** When the runner recorded its last pre-fault snapshot of the stores (performance.now()). */
const marks = { snapshotAt: 0 };

interface LabTiming {
  ms: number;
  /** Part of it spent reading the stores before a destructive fault (the runner's snapshot). */
  snapshotMs: number;
}

async function timeLab(run: Run, waiter: EventWaiter, containerId: string, kind: Kind): Promise<LabTiming> {
  const seen = waiter.expect(containerId, EVENT_FOR[kind], EVENT_TIMEOUT_MS);
  marks.snapshotAt = 0;
  const t0 = performance.now();
  const applied = run.inject({ kind, target: TARGET_NAME } as FaultRequest, 'user');
  const [at] = await Promise.all([seen, applied]);
  const snapshotMs = marks.snapshotAt ? marks.snapshotAt - t0 : 0;
  await run.inject({ kind: HEAL_FOR[kind], target: TARGET_NAME }, 'user');
  return { ms: at - t0, snapshotMs };
}

async function timeCli(waiter: EventWaiter, twin: Twin, kind: Kind): Promise<number> {
  const seen = waiter.expect(twin.id, EVENT_FOR[kind], EVENT_TIMEOUT_MS);
  const t0 = performance.now();
  const cmd = runCmd('docker', cliArgs(kind, twin), 60_000);
  const [at, r] = await Promise.all([seen, cmd]);
  if (r.code !== 0) throw new Error(`docker ${cliArgs(kind, twin).join(' ')}: ${r.out}`);
  await cliHeal(kind, twin);
  return at - t0;
}

/**
 * The floor: the same request sent straight to the engine's API (dockerode, no lab), timed to
 * the same event. What neither the lab nor the CLI can go under.
 */
async function timeEngine(waiter: EventWaiter, docker: Docker, twin: Twin, kind: Kind): Promise<number> {
  const seen = waiter.expect(twin.id, EVENT_FOR[kind], EVENT_TIMEOUT_MS);
  const t0 = performance.now();
  const call =
    kind === 'kill'
      ? docker.getContainer(twin.id).kill({ signal: 'SIGKILL' })
      : kind === 'pause'
        ? docker.getContainer(twin.id).pause()
        : docker.getNetwork(twin.network).disconnect({ Container: twin.id, Force: true });
  const [at] = await Promise.all([seen, call]);
  await cliHeal(kind, twin);
  return at - t0;
}

function waitRunning(run: Run, events: RunEvent[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const topo = [...events].reverse().find((e) => e.type === 'topology');
      const id =
        topo?.type === 'topology'
          ? topo.containers.find((c) => c.name === TARGET_NAME)?.containerId
          : undefined;
      if (id && events.some((e) => e.type === 'phase' && e.phase === 'running')) {
        clearInterval(poll);
        resolve(id);
      } else if (run.status !== 'running' || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error('the split-stores run did not reach its running phase'));
      }
    }, 50);
  });
}

interface Session {
  run: Run;
  labId: string;
  twin: Twin;
  close(): Promise<void>;
}

/** A running split-stores run and a ready twin; closed (run stopped, twin removed) on failure too. */
async function openSession(
  lab: Lab,
  docker: Docker,
  raw: Record<string, unknown>,
  spec: ContainerSpec,
  tag: string,
): Promise<Session> {
  const twin = await createTwin(docker, spec, tag);
  const events: RunEvent[] = [];
  const run = lab.startRun('split-stores', raw, {
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'snapshot' && e.reason.startsWith('before')) marks.snapshotAt = performance.now();
    },
  });
  const close = async () => {
    run.stop('bench: done');
    await run.done;
    await twin.remove();
  };
  try {
    await twin.waitReady();
    const labId = await waitRunning(run, events, 180_000);
    return { run, labId, twin, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export async function faultLatencyBench(argv: string[]): Promise<void> {
  const reps = intFlag(flags(argv), 'reps', 7);
  const env = await benchLab();
  const docker = env.lab.docker;
  const waiter = new EventWaiter(docker);
  const raw = { orders: 500, intervalMs: 1000, reads: 0 };
  const { plan } = planOf('split-stores', raw);
  const spec = plan.containers.find((c) => c.name === TARGET_NAME)!;
  const tags = await warmImages(docker, plan);
  let session: Session | undefined;
  let reopened = 0;
  const record: Record<string, unknown> = {};
  const all: number[] = [];
  const verdicts: Verdict[] = [];
  try {
    await waiter.start();
    for (const kind of KINDS) {
      const pairs: { lab: number; snapshotMs: number; cli: number; engine: number; ratio: number }[] = [];
      for (let i = 0; i <= reps; i++) {
        session ??= await openSession(env.lab, docker, raw, spec, tags[spec.image]);
        if (i === 0)
          note(
            `split-stores run ${session.run.runId}; lab target ${TARGET_NAME}, CLI target ${session.twin.name}`,
          );
        let t: LabTiming;
        let cli: number;
        let engine: number;
        try {
          t = await timeLab(session.run, waiter, session.labId, kind);
          cli = await timeCli(waiter, session.twin, kind);
          engine = await timeEngine(waiter, docker, session.twin, kind);
        } catch (e) {
          // Another process removed the containers (e.g. a 'cleanup --all'): start afresh, bounded.
          note(
            `  ${kind}: pair lost (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); new run and twin`,
          );
          await session.close().catch(() => undefined);
          session = undefined;
          if (++reopened > 3) throw new Error('gave up after 3 lost runs', { cause: e });
          i--;
          continue;
        }
        const lab = t.ms;
        const snap = t.snapshotMs ? ` (${t.snapshotMs.toFixed(1)} ms of it reading the stores first)` : '';
        line(
          `  ${kind} ${i === 0 ? 'warm-up' : `pair ${i}`}: lab ${lab.toFixed(1)} ms${snap} | docker CLI ${cli.toFixed(1)} ms | ratio ${fmtRatio(lab / cli)} | engine API alone ${engine.toFixed(1)} ms (${fmtRatio(engine / cli)} of the CLI)`,
        );
        if (i > 0) pairs.push({ lab, snapshotMs: t.snapshotMs, cli, engine, ratio: lab / cli });
      }
      const r = median(pairs.map((p) => p.ratio));
      all.push(...pairs.map((p) => p.ratio));
      const snapMed = median(pairs.map((p) => p.snapshotMs));
      line(
        `  ${kind}: median lab ${median(pairs.map((p) => p.lab)).toFixed(1)} ms (snapshot ${snapMed.toFixed(1)} ms), median CLI ${median(pairs.map((p) => p.cli)).toFixed(1)} ms, median ratio ${fmtRatio(r)}; the engine's API alone: median ${median(pairs.map((p) => p.engine)).toFixed(1)} ms = ${fmtRatio(median(pairs.map((p) => p.engine / p.cli)))} of the CLI (the floor), lab overhead over it ${median(pairs.map((p) => p.lab - p.engine)).toFixed(1)} ms`,
      );
      const floor = median(pairs.map((p) => p.engine / p.cli));
      record[kind] = { pairs, medianRatio: r, floorRatio: floor };
      verdicts.push({
        what: `fault-latency ${kind}, lab / docker CLI`,
        ratio: r,
        target: `<= ${TARGET}x`,
        met: r <= TARGET,
      });
    }
  } finally {
    waiter.stop();
    await session?.close();
    await env.close();
  }
  const overall = median(all);
  verdicts.push({
    what: 'fault-latency, all kinds, lab / docker CLI',
    ratio: overall,
    target: `<= ${TARGET}x`,
    met: overall <= TARGET,
  });
  finish(
    'fault-latency',
    { scenario: 'split-stores', params: raw, reps, lostRuns: reopened, ...record },
    verdicts,
  );
}
