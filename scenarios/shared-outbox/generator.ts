// The pure schedule of the outbox scenarios: one client places N orders at a fixed interval;
// the nemesis arms a named point in the target `kills` times and kills it when it holds
// there (the runner restarts it `downMs` later); the client then waits for the system to
// settle (see settle.ts) before the lab's final reads.
import type { Step } from '../../main/engine/scenario';

export interface OutboxWorkload {
  orders: number;
  intervalMs: number;
  /** Where to kill, or null for no fault. */
  kill: { target: string; point: string; times: number; downMs: number } | null;
}

/** Time the target needs after a restart before the point can be armed again. */
export const REARM_MARGIN_MS = 3000;

export function orderId(i: number): string {
  return `order-${String(i + 1).padStart(3, '0')}`;
}

/**
 * When each kill's point is armed: spread over the orders, one restart apart at least, and
 * half-way between two orders, so that arming never races with an order reaching the point.
 */
export function killTimes(orders: number, intervalMs: number, times: number, downMs: number): number[] {
  const span = orders * intervalMs;
  const between = (t: number) => Math.floor(t / intervalMs) * intervalMs + Math.floor(intervalMs / 2);
  const out: number[] = [];
  for (let k = 1; k <= times; k++) {
    const even = Math.round((span * k) / (times + 1));
    const prev = out[out.length - 1];
    out.push(between(prev === undefined ? even : Math.max(even, prev + downMs + REARM_MARGIN_MS)));
  }
  return out;
}

export function outboxSchedule(w: OutboxWorkload): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < w.orders; i++) {
    const user = `user-${(i % 3) + 1}`;
    steps.push({ at: i * w.intervalMs, process: 'client', f: 'add', value: { id: orderId(i), user } });
  }
  const span = w.orders * w.intervalMs;
  if (w.kill) {
    for (const at of killTimes(w.orders, w.intervalMs, w.kill.times, w.kill.downMs)) {
      steps.push({
        at,
        process: 'nemesis',
        fault: {
          kind: 'point',
          target: w.kill.target,
          point: w.kill.point,
          then: 'kill',
          durationMs: w.kill.downMs,
          // The point is reached by the next order (writer) or the next poll with rows (relay).
          timeoutMs: Math.max(10_000, span - at + 10_000),
        },
      });
    }
  }
  // After the last order: wait until nothing more can arrive, then the lab reads.
  steps.push({ at: span, process: 'client', f: 'settle' });
  return steps.sort((a, b) => a.at - b.at);
}
