// The pure schedule of outbox-cdc: one client places N orders at a fixed interval; the
// nemesis kills Kafka Connect at killAtMs and starts it again downMs later (the start
// returns once the worker answers again); after the last order the client waits for the
// system to settle (settle.ts) before the lab's final reads.
import type { Step } from '../../main/engine/scenario';
import { orderId } from '../shared-outbox/generator';

export interface CdcWorkload {
  orders: number;
  intervalMs: number;
  /** Kill Kafka Connect, or null for no fault. */
  kill: { target: string; atMs: number; downMs: number } | null;
}

export function cdcSchedule(w: CdcWorkload): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < w.orders; i++) {
    const user = `user-${(i % 3) + 1}`;
    steps.push({ at: i * w.intervalMs, process: 'client', f: 'add', value: { id: orderId(i), user } });
  }
  if (w.kill) {
    const { target, atMs, downMs } = w.kill;
    steps.push({ at: atMs, process: 'nemesis', fault: { kind: 'kill', target } });
    steps.push({ at: atMs + downMs, process: 'nemesis', fault: { kind: 'start', target } });
  }
  steps.push({ at: w.orders * w.intervalMs, process: 'client', f: 'settle' });
  return steps.sort((a, b) => a.at - b.at);
}
