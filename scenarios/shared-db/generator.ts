// The pure workload of shared-db. Three things happen on one timeline:
//  - user-1 places plain orders through the load balancer, then lists them;
//  - K buyers (one lane each) start together at hotAtMs and each buy B units of the hot
//    product one at a time, back to back; each then reads the stock once (the last of those
//    reads comes after every buy has completed: the checker's final stock);
//  - with fault kill-db, the database is killed at killAtMs and started downMs later. The
//    order stream is then lengthened to run through the outage and `tailMs` beyond it, so
//    availability is charted before, during and after.
import type { Step } from '../../main/engine/scenario';

export interface SharedDbWorkload {
  orders: number;
  reads: number;
  intervalMs: number;
  buyers: number;
  unitsPerBuyer: number;
  hotAtMs: number;
  fault: 'none' | 'kill-db';
  killAtMs: number;
  downMs: number;
  /** The database container's name. */
  db: string;
  /** How long the order stream goes on after the database is started again. */
  tailMs?: number;
}

export const DEFAULT_TAIL_MS = 2000;

export function orderId(i: number): string {
  return `order-${String(i + 1).padStart(3, '0')}`;
}

export function saleId(buyer: number, unit: number): string {
  return `sale-b${buyer + 1}-u${unit + 1}`;
}

/** How many orders user-1 places: `orders`, or enough to cover the outage and its tail. */
export function orderCount(w: SharedDbWorkload): number {
  if (w.fault !== 'kill-db' || w.orders === 0) return w.orders;
  const until = w.killAtMs + w.downMs + (w.tailMs ?? DEFAULT_TAIL_MS);
  return Math.max(w.orders, Math.ceil(until / w.intervalMs));
}

export function sharedDbSchedule(w: SharedDbWorkload): Step[] {
  const steps: Step[] = [];
  const user = 'user-1';
  const n = orderCount(w);
  for (let i = 0; i < n; i++)
    steps.push({ at: i * w.intervalMs, process: user, f: 'add', value: { id: orderId(i), user } });
  for (let j = 0; j < w.reads; j++) steps.push({ at: (n + j) * w.intervalMs, process: user, f: 'list' });
  for (let b = 0; b < w.buyers; b++) {
    const process = `buyer-${b + 1}`;
    for (let u = 0; u < w.unitsPerBuyer; u++)
      steps.push({ at: w.hotAtMs, process, f: 'buy', value: { id: saleId(b, u) } });
    if (w.unitsPerBuyer > 0) steps.push({ at: w.hotAtMs, process, f: 'stock' });
  }
  if (w.fault === 'kill-db') {
    steps.push({ at: w.killAtMs, process: 'nemesis', fault: { kind: 'kill', target: w.db } });
    steps.push({ at: w.killAtMs + w.downMs, process: 'nemesis', fault: { kind: 'start', target: w.db } });
  }
  // Array sort is stable: each lane keeps its own order (its buys before its stock read).
  return steps.sort((a, b) => a.at - b.at);
}
