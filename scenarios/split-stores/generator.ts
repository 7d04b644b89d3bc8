// The pure workload of split-stores: one user places N orders through the load balancer,
// optionally one instance is killed mid-run and restarted, then the user lists orders.
import type { Step } from '../../main/engine/scenario';

export interface SplitStoresWorkload {
  orders: number;
  reads: number;
  intervalMs: number;
  /** Instance name to kill after ceil(orders/2) acknowledged orders, or null. */
  killTarget: string | null;
  downMs: number;
}

export function splitStoresSchedule(w: SplitStoresWorkload): Step[] {
  const steps: Step[] = [];
  const user = 'user-1';
  for (let i = 0; i < w.orders; i++) {
    steps.push({
      at: i * w.intervalMs,
      process: user,
      f: 'add',
      value: { id: `order-${String(i + 1).padStart(3, '0')}`, user },
    });
  }
  let readsFrom = w.orders * w.intervalMs;
  if (w.killTarget) {
    const k = Math.ceil(w.orders / 2);
    const killAt = (k - 1) * w.intervalMs + Math.floor(w.intervalMs / 2);
    steps.push({ at: killAt, process: 'nemesis', fault: { kind: 'kill', target: w.killTarget } });
    steps.push({ at: killAt + w.downMs, process: 'nemesis', fault: { kind: 'start', target: w.killTarget } });
    // The reads come after the instance is back, so they show what it lost.
    readsFrom = Math.max(readsFrom, killAt + w.downMs + w.intervalMs);
  }
  for (let j = 0; j < w.reads; j++) {
    steps.push({ at: readsFrom + j * w.intervalMs, process: user, f: 'list' });
  }
  return steps.sort((a, b) => a.at - b.at);
}
