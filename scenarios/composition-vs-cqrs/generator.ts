// The pure workload of composition-vs-cqrs: two readers ask for the same order details every
// intervalMs for runMs, one through API composition, one from the read model; the nemesis
// kills the product service at killAtMs and starts it again downMs later, or (slow) adds
// latencyMs to every answer it gives the composition path, through Toxiproxy, for downMs.
import type { Step } from '../../main/engine/scenario';
import { PRODUCT } from './names';

export interface DetailsWorkload {
  runMs: number;
  intervalMs: number;
  orders: number;
  kill: { atMs: number; downMs: number } | null;
  slow?: { atMs: number; downMs: number; latencyMs: number } | null;
}

export function detailsSchedule(w: DetailsWorkload): Step[] {
  const steps: Step[] = [];
  let i = 0;
  for (let t = 0; t < w.runMs; t += w.intervalMs, i++) {
    const order = `o${(i % w.orders) + 1}`;
    steps.push({ at: t, process: 'composition', f: 'composed', value: { order } });
    steps.push({ at: t, process: 'read-model', f: 'cqrs', value: { order } });
  }
  if (w.kill)
    steps.push({
      at: w.kill.atMs,
      process: 'nemesis',
      fault: { kind: 'kill', target: PRODUCT, durationMs: w.kill.downMs },
    });
  if (w.slow)
    steps.push({
      at: w.slow.atMs,
      process: 'nemesis',
      fault: { kind: 'latency', target: PRODUCT, latencyMs: w.slow.latencyMs, durationMs: w.slow.downMs },
    });
  return steps.sort((a, b) => a.at - b.at);
}
