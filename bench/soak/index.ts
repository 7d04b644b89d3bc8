// soak: an hour-long split-stores run (--minutes N, default 60) with a random kill every 30 s
// (--killEveryS N): a random instance is killed and started again 5 s later through the lab's
// own fault API, as a user's click would. The lab's RSS is read every 10 s; after a warm-up
// (--warmupMin N, default 5) its growth must stay under 10%. At the end nothing labelled by
// the lab may remain. Not part of CI.
import { median } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, planOf, warmImages } from '../lib/docker-env';
import { managedFilter } from '../../main/engine/docker/labels';

const SAMPLE_EVERY_MS = 10_000;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function soakBench(argv: string[]): Promise<void> {
  const f = flags(argv);
  const minutes = intFlag(f, 'minutes', 60);
  const killEveryS = intFlag(f, 'killEveryS', 30);
  const warmupMin = intFlag(f, 'warmupMin', 5);
  const instances = 3;
  // One order every intervalMs for the whole soak, within split-stores' knob ranges (orders up
  // to 1,000, an interval up to 5 s): 60 minutes = 720 orders, one every 5 s.
  const intervalMs = Math.max(500, Math.min(5000, Math.ceil((minutes * 60_000) / 1000)));
  const orders = Math.ceil((minutes * 60_000) / intervalMs);
  if (orders > 1000)
    throw new Error(`a ${minutes}-min soak needs ${orders} orders; split-stores takes 1,000`);
  const raw = { instances, orders, reads: 4, intervalMs, storeMode: 'file' };
  line(
    `  workload: ${orders} orders, one every ${intervalMs} ms = ${Math.round((orders * intervalMs) / 60_000)} min`,
  );
  const env = await benchLab();
  const { plan } = planOf('split-stores', raw);
  await warmImages(env.lab.docker, plan);
  global.gc?.();
  const t0 = Date.now();
  const run = env.lab.startRun('split-stores', raw);
  const series: { tS: number; rssMB: number; heapMB: number; events: number; kills: number }[] = [];
  let kills = 0;
  let killErrors = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    const s = {
      tS: Math.round((Date.now() - t0) / 1000),
      rssMB: mb(m.rss),
      heapMB: mb(m.heapUsed),
      events: run.eventCount,
      kills,
    };
    series.push(s);
    if (series.length % 6 === 1)
      line(`  ${s.tS} s: RSS ${s.rssMB} MB, heap ${s.heapMB} MB, ${s.events} events, ${kills} kills`);
  }, SAMPLE_EVERY_MS);
  const killer = setInterval(() => {
    if (run.currentPhase !== 'running') return; // not yet, or already quiescing / tearing down
    const target = `order-${1 + Math.floor(Math.random() * instances)}`;
    kills++;
    void run.inject({ kind: 'kill', target, durationMs: 5000 }, 'user').catch(() => killErrors++);
  }, killEveryS * 1000);
  const limit = setTimeout(() => run.stop('soak: over the time limit'), (minutes + 10) * 60_000);
  let status: string;
  try {
    status = (await run.done).status;
  } finally {
    clearInterval(sampler);
    clearInterval(killer);
    clearTimeout(limit);
  }
  const left = (await env.lab.docker.listContainers({ all: true, filters: managedFilter() })).length;
  await env.close();
  const warm = series.filter((s) => s.tS >= warmupMin * 60);
  const base = warm[0]?.rssMB ?? series[0]?.rssMB ?? 0;
  const lastMinute = warm.filter((s) => s.tS >= (warm[warm.length - 1]?.tS ?? 0) - 60).map((s) => s.rssMB);
  const endRss = lastMinute.length ? median(lastMinute) : base;
  const growth = base ? (endRss - base) / base : 0;
  line(
    `  run ${status} after ${Math.round((Date.now() - t0) / 1000)} s, ${kills} kills (${killErrors} refused), RSS after warm-up ${base} MB -> ${endRss} MB at the end (${(growth * 100).toFixed(1)}%), peak ${Math.max(...series.map((s) => s.rssMB))} MB; labelled containers left: ${left}`,
  );
  const verdicts: Verdict[] = [
    { what: 'soak, RSS growth after warm-up', ratio: 1 + growth, target: '< 1.10x', met: growth < 0.1 },
    { what: 'soak, labelled containers left', ratio: left, target: '0', met: left === 0 },
  ];
  note(`(${minutes} min, a kill every ${killEveryS} s; memory curve in bench/results)`);
  finish(
    `soak-${minutes}min`,
    {
      minutes,
      killEveryS,
      params: raw,
      status,
      kills,
      killErrors,
      left,
      baseMB: base,
      endMB: endRss,
      growth,
      series,
    },
    verdicts,
  );
}
