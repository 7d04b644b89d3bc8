// memory: the lab's RSS over a long split-stores run (default 30 min; --minutes N), against
// the RSS at its start. 5 instances, 500 orders spread over the run, stores sampled at 4 Hz
// with their ids (as the runner records them), every event also serialised as the
// WebSocket bridge would send it to a browser. RSS read every 2 s.
import v8 from 'node:v8';
import vm from 'node:vm';
import { median } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, planOf, warmImages } from '../lib/docker-env';

const TARGET_MB = 400;
const SAMPLE_EVERY_MS = 2_000;

/** A full GC without --expose-gc (the bench runs under plain tsx). */
function gc(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

function mb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

export async function memoryBench(argv: string[]): Promise<void> {
  const minutes = intFlag(flags(argv), 'minutes', 30);
  const orders = 500;
  const intervalMs = Math.max(20, Math.min(5000, Math.round((minutes * 60_000) / orders)));
  const raw = { instances: 5, orders, intervalMs, reads: 4 };
  const env = await benchLab();
  const { plan } = planOf('split-stores', raw);
  await warmImages(env.lab.docker, plan);
  let bytesSent = 0;
  const unsubscribe = env.lab.subscribe('run:event', (p) => (bytesSent += JSON.stringify(p).length));
  // The baseline: the lab idle after its image check, garbage collected and settled.
  gc();
  await new Promise((r) => setTimeout(r, 5000));
  gc();
  const start = process.memoryUsage();
  line(
    `RSS at the start ${mb(start.rss)} MB (heap ${mb(start.heapUsed)} MB); split-stores ${JSON.stringify(raw)}: about ${minutes} min of workload`,
  );
  const series: { tS: number; rssMB: number; heapMB: number; events: number }[] = [];
  const t0 = Date.now();
  const limitMs = minutes * 60_000 + 10 * 60_000;
  let status = 'unknown';
  let error: string | undefined;
  /** Seconds into the run when another process removed its containers (before its teardown). */
  let disturbedAtS: number | undefined;
  try {
    // A run cut short in its first 2 minutes (its containers removed by another process's
    // cleanup, say) is started again, at most twice; the memory curve goes on.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const tRun = Date.now();
      const run = env.lab.startRun('split-stores', raw);
      const timer = setInterval(() => {
        const m = process.memoryUsage();
        const s = {
          tS: Math.round((Date.now() - t0) / 1000),
          rssMB: mb(m.rss),
          heapMB: mb(m.heapUsed),
          events: run.eventCount,
        };
        series.push(s);
        if (series.length % 30 === 0 || series.length < 4)
          line(
            `  ${s.tS} s: RSS ${s.rssMB} MB, heap ${s.heapMB} MB, ${s.events} events recorded, ${mb(bytesSent)} MB sent to subscribers`,
          );
        if (Date.now() - t0 > limitMs) run.stop('bench: over the time limit');
      }, SAMPLE_EVERY_MS);
      try {
        const r = await run.done;
        // Once more after the reports are written (the last phase of a run).
        const m = process.memoryUsage();
        series.push({
          tS: Math.round((Date.now() - t0) / 1000),
          rssMB: mb(m.rss),
          heapMB: mb(m.heapUsed),
          events: run.eventCount,
        });
        status = r.status;
        const teardown = run.events.find((e) => e.type === 'phase' && e.phase === 'teardown')?.t ?? Infinity;
        const gone = run.events.find(
          (e) => e.type === 'container' && e.action === 'destroy' && e.t < teardown,
        );
        if (gone) disturbedAtS = Math.round(gone.t / 1000);
        error = r.report.error;
      } finally {
        clearInterval(timer);
      }
      if (status !== 'error' || Date.now() - tRun > 120_000) break;
      note(
        `  the run ended in error after ${Math.round((Date.now() - tRun) / 1000)} s; starting it again (attempt ${attempt + 1} of 3)`,
      );
    }
  } finally {
    unsubscribe();
    await env.close();
  }
  if (!series.length)
    throw new Error(`the run ended (${status}${error ? `: ${error}` : ''}) before any RSS sample`);
  const rss = series.map((s) => s.rssMB);
  const peak = Math.max(...rss);
  const end = series[series.length - 1];
  line(
    `  run ${status} after ${Math.round((Date.now() - t0) / 1000)} s: RSS peak ${peak} MB, median ${median(rss)} MB, last ${end?.rssMB} MB (start ${mb(start.rss)} MB); ${end?.events} events`,
  );
  // Growth per minute over the second half (a leak shows as a steady slope).
  const half = series.filter((s) => s.tS >= (end?.tS ?? 0) / 2);
  const slope =
    half.length > 1
      ? ((half[half.length - 1].rssMB - half[0].rssMB) / (half[half.length - 1].tS - half[0].tS)) * 60
      : 0;
  line(`  RSS slope over the second half: ${slope.toFixed(2)} MB/min`);
  if (disturbedAtS !== undefined)
    line(
      `  DISTURBED: another process removed the run's containers ${disturbedAtS} s in; the rest of the curve is a lab without stores. Rerun.`,
    );
  const verdicts: Verdict[] = [
    {
      what: 'memory, peak RSS / RSS at the start',
      ratio: peak / mb(start.rss),
      target: 'informational',
      met: true,
    },
    {
      what: `memory, peak RSS over a ${minutes}-min run (${status}${disturbedAtS !== undefined ? ', disturbed' : ''}) / ${TARGET_MB} MB`,
      ratio: peak / TARGET_MB,
      target: '< 1x',
      met: peak < TARGET_MB && status === 'completed' && disturbedAtS === undefined,
    },
  ];
  note(`(peak ${peak} MB vs start ${mb(start.rss)} MB; target < ${TARGET_MB} MB)`);
  finish(
    `memory-${minutes}min`,
    {
      minutes,
      params: raw,
      status,
      disturbedAtS,
      startMB: mb(start.rss),
      peakMB: peak,
      slopeMBPerMin: slope,
      series,
    },
    verdicts,
  );
}
