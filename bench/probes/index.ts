// probes: the CPU share of sampling 6 stores at 4 Hz during a run. A split-stores run with
// 5 instances takes orders; the engine's StoreSampler reads 6 stores (the 5 instances and
// the balancer's view) every 250 ms, each sample recorded as the runner records it (kept in
// memory and appended to a run log). process.cpuUsage over windows with this sampler on and
// off, interleaved on, off, on, off ...; the share is (on - off) / wall time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { StoreSpec, Endpoint } from '../../main/engine/scenario';
import type { RunEvent } from '../../main/engine/events';
import { StoreSampler } from '../../main/engine/probes/sampler';
import { createRunStore } from '../../main/engine/run-store';
import { managedFilter, NAME_LABEL } from '../../main/engine/docker/labels';
import { sleep } from '../../main/engine/docker/wait';
import { median, fmtRatio } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, planOf, warmImages } from '../lib/docker-env';

const TARGET_SHARE = 0.05;
const INTERVAL_MS = 250;

async function endpoints(docker: Docker, runId: string): Promise<Map<string, Endpoint>> {
  const list = await docker.listContainers({ filters: managedFilter(runId) });
  const out = new Map<string, Endpoint>();
  for (const c of list) {
    const p = c.Ports.find((x) => x.PrivatePort === 8080 && x.PublicPort);
    if (p) out.set(c.Labels[NAME_LABEL], { host: '127.0.0.1', port: p.PublicPort });
  }
  return out;
}

function cpuWindow(ms: number): Promise<{ cpuMs: number; wallMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return sleep(ms).then(() => {
    const c = process.cpuUsage(c0);
    return { cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 };
  });
}

export async function probesBench(argv: string[]): Promise<void> {
  const f = flags(argv);
  const reps = intFlag(f, 'reps', 8);
  const windowMs = intFlag(f, 'window', 10_000);
  const raw = { instances: 5, orders: 500, intervalMs: 500, reads: 0 };
  const env = await benchLab();
  const { plan } = planOf('split-stores', raw);
  await warmImages(env.lab.docker, plan);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-bench-probes-'));
  const runLog = createRunStore(logDir);
  const events: RunEvent[] = [];
  let sampler: StoreSampler | undefined;
  const run = env.lab.startRun('split-stores', raw);
  const pairs: { on: number; off: number; share: number }[] = [];
  let samples = 0;
  try {
    const t0 = Date.now();
    while (run.currentPhase !== 'running') {
      if (run.status !== 'running' || Date.now() - t0 > 180_000) throw new Error('the run did not start');
      await sleep(100);
    }
    const eps = await endpoints(env.lab.docker, run.runId);
    const names = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'lb'];
    const stores: StoreSpec[] = names.map((n) => ({ name: n, container: n, port: 8080, path: '/orders' }));
    const endpoint = (c: string): Endpoint => {
      const e = eps.get(c);
      if (!e) throw new Error(`no endpoint for ${c}`);
      return e;
    };
    note(
      `run ${run.runId} running; sampling ${names.join(', ')} every ${INTERVAL_MS} ms in windows of ${windowMs} ms`,
    );
    const started = Date.now();
    for (let i = 0; i <= reps; i++) {
      sampler = new StoreSampler(stores, endpoint, INTERVAL_MS, (s) => {
        samples++;
        const e: RunEvent = {
          type: 'sample',
          t: Date.now() - started,
          probe: 'rows',
          store: s.name,
          rows: s.available ? s.rows : null,
          ids: s.available ? s.ids : undefined,
        };
        events.push(e);
        runLog.append(e);
      });
      sampler.start();
      const on = await cpuWindow(windowMs);
      sampler.stop();
      await sleep(400); // let in-flight reads land before the off window
      const off = await cpuWindow(windowMs);
      await sleep(400);
      const onShare = on.cpuMs / on.wallMs;
      const offShare = off.cpuMs / off.wallMs;
      const share = onShare - offShare;
      const rows = events.length ? (events[events.length - 1] as { rows?: number | null }).rows : null;
      line(
        `  ${i === 0 ? 'warm-up' : `pair ${i}`}: process CPU with sampler ${(onShare * 100).toFixed(2)}% | without ${(offShare * 100).toFixed(2)}% | sampler ${(share * 100).toFixed(2)}% of a core (stores hold ~${rows ?? '?'} rows)`,
      );
      if (i > 0) pairs.push({ on: onShare, off: offShare, share });
      if (run.status !== 'running')
        throw new Error('the run ended during the measurement: raise orders or intervalMs');
    }
  } finally {
    sampler?.stop();
    run.stop('bench: done');
    await run.done;
    runLog.close();
    fs.rmSync(logDir, { recursive: true, force: true });
    await env.close();
  }
  const share = median(pairs.map((p) => p.share));
  line(
    `  median sampler share ${(share * 100).toFixed(2)}% of one core (${samples} samples recorded); median process CPU on ${(median(pairs.map((p) => p.on)) * 100).toFixed(2)}%, off ${(median(pairs.map((p) => p.off)) * 100).toFixed(2)}%`,
  );
  const verdicts: Verdict[] = [
    {
      what: 'probes, CPU share of 6 stores at 4 Hz / 5% of one core',
      ratio: share / TARGET_SHARE,
      target: '< 1x',
      met: share < TARGET_SHARE,
    },
  ];
  note(`(share ${(share * 100).toFixed(2)}%: ${fmtRatio(share / TARGET_SHARE)} of the 5% budget)`);
  finish(
    'probes',
    { params: raw, stores: 6, intervalMs: INTERVAL_MS, windowMs, pairs, medianShare: share, samples },
    verdicts,
  );
}
