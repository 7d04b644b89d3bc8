// The order workload of a composed experiment, as a pure schedule: each user adds orders at
// an interval, then lists them. With one user it is the built-in split-stores workload.
import type { Step } from '../scenario';

export interface OrderWorkload {
  users: number;
  orders: number;
  reads: number;
  intervalMs: number;
  /** When the reads start (default: right after the orders). */
  readsFromMs?: number;
}

const pad = (n: number) => String(n).padStart(3, '0');

export function orderWorkloadSchedule(w: OrderWorkload): Step[] {
  const steps: Step[] = [];
  for (let u = 1; u <= w.users; u++) {
    const user = `user-${u}`;
    // Users interleave evenly inside one interval.
    const offset = Math.floor(((u - 1) * w.intervalMs) / w.users);
    for (let i = 0; i < w.orders; i++) {
      const id = w.users === 1 ? `order-${pad(i + 1)}` : `${user}-order-${pad(i + 1)}`;
      steps.push({ at: offset + i * w.intervalMs, process: user, f: 'add', value: { id, user } });
    }
    const readsFrom = (w.readsFromMs ?? w.orders * w.intervalMs) + offset;
    for (let j = 0; j < w.reads; j++)
      steps.push({ at: readsFrom + j * w.intervalMs, process: user, f: 'list' });
  }
  return steps.sort((a, b) => a.at - b.at);
}
