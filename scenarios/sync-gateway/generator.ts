// The pure workload of sync-gateway: U users place N orders through the gateway, order i at
// i * intervalMs by user (i mod U); the nemesis kills the chosen participant K times at its
// named point after-<step>-commit (its local transaction committed, its answer not sent yet),
// each time keeping it down for downMs. The start after each kill is a step of the nemesis
// lane itself, which waits until the participant is ready again, so the next kill's point is
// never armed in a container that is still starting.
import type { Step } from '../../main/engine/scenario';
import { participantPoint } from '../shared-saga/names';
import { padId } from '../shared-saga/random';

export interface GatewayWorkload {
  orders: number;
  intervalMs: number;
  users: number;
  product: string;
  maxQty: number;
  kill: { target: string; step: string; times: number; atMs: number; everyMs: number; downMs: number } | null;
}

export function orderId(i: number): string {
  return padId('order', i);
}

export function gatewaySchedule(w: GatewayWorkload): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < w.orders; i++) {
    steps.push({
      at: i * w.intervalMs,
      process: `user-${(i % w.users) + 1}`,
      f: 'order',
      value: {
        id: orderId(i),
        product: w.product,
        qty: (i % w.maxQty) + 1,
        user: `user-${(i % w.users) + 1}`,
      },
    });
  }
  if (w.kill) {
    const end = w.orders * w.intervalMs;
    for (let k = 0; k < w.kill.times; k++) {
      // The next kill comes after the restart, whatever the knobs say.
      const at = w.kill.atMs + k * Math.max(w.kill.everyMs, w.kill.downMs + 500);
      steps.push({
        at,
        process: 'nemesis',
        fault: {
          kind: 'point',
          target: w.kill.target,
          point: participantPoint(w.kill.step),
          then: 'kill',
          timeoutMs: Math.max(1000, end - at + 2000),
        },
      });
      steps.push({
        at: at + w.kill.downMs,
        process: 'nemesis',
        fault: { kind: 'start', target: w.kill.target },
      });
    }
  }
  return steps.sort((a, b) => a.at - b.at);
}
