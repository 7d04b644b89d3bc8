// probes-lag: the CPU share of the consumer-lag probe at 4 Hz during a run. A broker-sync run
// with 4 instances (4 consumer groups on one topic) takes an order every 2 s; a ConsumerLagProbe of its
// own (the engine's, kafkajs admin against the broker's published port) reads the 4 groups'
// lag every 250 ms. process.cpuUsage over windows with these reads on and paused, interleaved
// on, off, on, off ... with one admin client kept throughout (its connection and metadata set
// up in a warm-up window, as in a run); the share is (on - off) / wall time. The run's own
// sampler (stores and lag) runs in both windows.
import type Docker from 'dockerode';
import type { Endpoint } from '../../main/engine/scenario';
import { ConsumerLagProbe } from '../../main/engine/probes/kafka-lag-probe';
import { managedFilter, NAME_LABEL } from '../../main/engine/docker/labels';
import { sleep } from '../../main/engine/docker/wait';
import { median, fmtRatio } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, planOf, warmImages } from '../lib/docker-env';

const TARGET_SHARE = 0.05;
const INTERVAL_MS = 250;

async function brokerEndpoint(docker: Docker, runId: string): Promise<Endpoint> {
  const list = await docker.listContainers({ filters: managedFilter(runId) });
  for (const c of list) {
    const p = c.Ports.find((x) => x.PrivatePort === 9092 && x.PublicPort);
    if (c.Labels[NAME_LABEL] === 'kafka-1' && p) return { host: '127.0.0.1', port: p.PublicPort };
  }
  throw new Error('kafka-1 publishes no 9092');
}

function cpuWindow(ms: number): Promise<{ cpuMs: number; wallMs: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return sleep(ms).then(() => {
    const c = process.cpuUsage(c0);
    return { cpuMs: (c.user + c.system) / 1000, wallMs: performance.now() - t0 };
  });
}

export async function probesLagBench(argv: string[]): Promise<void> {
  const f = flags(argv);
  const reps = intFlag(f, 'reps', 10);
  const windowMs = intFlag(f, 'window', 8000);
  const groupsN = intFlag(f, 'groups', 4);
  // A light workload (one order every 2 s): the run's own CPU varies less between windows.
  const raw = { instances: Math.min(4, groupsN), users: 1, ordersPerUser: 500, intervalMs: 2000 };
  const env = await benchLab();
  const { plan } = planOf('broker-sync', raw);
  await warmImages(env.lab.docker, plan);
  const run = env.lab.startRun('broker-sync', raw);
  const pairs: { on: number; off: number; share: number }[] = [];
  let reads = 0;
  let failed = 0;
  let probe: ConsumerLagProbe | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const t0 = Date.now();
    while (run.currentPhase !== 'running') {
      if (run.status !== 'running' || Date.now() - t0 > 240_000) throw new Error('the run did not start');
      await sleep(100);
    }
    const broker = await brokerEndpoint(env.lab.docker, run.runId);
    const groups = Array.from({ length: groupsN }, (_, i) => ({
      group: `sync-order-${(i % 4) + 1}`,
      topics: ['orders'],
    }));
    probe = new ConsumerLagProbe({ brokers: ['kafka-1'], groups }, () => broker, INTERVAL_MS);
    let on = true;
    let busy = false;
    const p = probe;
    timer = setInterval(() => {
      if (!on || busy) return;
      busy = true;
      void p
        .read()
        .then((s) => {
          reads++;
          if (s.some((x) => !x.available)) failed++;
        })
        .finally(() => (busy = false));
    }, INTERVAL_MS);
    note(
      `run ${run.runId} running; reading ${groupsN} groups' lag every ${INTERVAL_MS} ms in windows of ${windowMs} ms`,
    );
    for (let i = 0; i <= reps; i++) {
      on = true;
      const a = await cpuWindow(windowMs);
      on = false;
      await sleep(400); // let a read in flight land before the off window
      const b = await cpuWindow(windowMs);
      const onShare = a.cpuMs / a.wallMs;
      const offShare = b.cpuMs / b.wallMs;
      const share = onShare - offShare;
      line(
        `  ${i === 0 ? 'warm-up' : `pair ${i}`}: process CPU with lag reads ${(onShare * 100).toFixed(2)}% | without ${(offShare * 100).toFixed(2)}% | lag probe ${(share * 100).toFixed(2)}% of a core`,
      );
      if (i > 0) pairs.push({ on: onShare, off: offShare, share });
      if (run.status !== 'running')
        throw new Error('the run ended during the measurement: raise ordersPerUser');
    }
  } finally {
    if (timer) clearInterval(timer);
    await probe?.close();
    run.stop('bench: done');
    await run.done;
    await env.close();
  }
  const share = median(pairs.map((p) => p.share));
  line(
    `  median lag-probe share ${(share * 100).toFixed(2)}% of one core (${reads} reads of ${groupsN} groups, ${failed} with a group unreadable)`,
  );
  const verdicts: Verdict[] = [
    {
      what: `probes, CPU share of the consumer lag of ${groupsN} groups at 4 Hz / 5% of one core`,
      ratio: share / TARGET_SHARE,
      target: '< 1x',
      met: share < TARGET_SHARE,
    },
  ];
  note(`(share ${(share * 100).toFixed(2)}%: ${fmtRatio(share / TARGET_SHARE)} of the 5% budget)`);
  finish(
    'probes-lag',
    {
      params: raw,
      groups: groupsN,
      intervalMs: INTERVAL_MS,
      windowMs,
      pairs,
      medianShare: share,
      reads,
      failed,
    },
    verdicts,
  );
}
