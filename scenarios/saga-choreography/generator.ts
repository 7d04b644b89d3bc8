// The pure workload of saga-choreography: one shopper posts N orders to the order service,
// one every intervalMs (product and quantity drawn from the seed), sending one again while
// the order service cannot take it (same id: created once). The nemesis arms a named point
// in the inventory (its reserve committed, StockReserved not published, the offset not
// committed) and kills it there, then starts it again downMs later. The audit runs after
// the last order and the restart: it waits until every saga is terminal and reads every
// service's store.
import type { Step } from '../../main/engine/scenario';
import { C } from '../shared-saga/names';
import { intIn, mulberry32, padId, pick } from '../shared-saga/random';

export interface ChoreoWorkload {
  sagas: number;
  intervalMs: number;
  products: string[];
  maxQty: number;
  seed: number;
  kill: { point: string; atMs: number; downMs: number } | null;
  settleMs: number;
  retryMs: number;
}

export const SHOPPER = 'shop';

export function auditAt(w: ChoreoWorkload): number {
  const lastStart = Math.max(0, w.sagas - 1) * w.intervalMs;
  const restart = w.kill ? w.kill.atMs + w.kill.downMs : 0;
  return Math.max(lastStart, restart) + 500;
}

export function choreoSchedule(w: ChoreoWorkload): Step[] {
  const rand = mulberry32(w.seed);
  const steps: Step[] = [];
  for (let i = 0; i < w.sagas; i++) {
    steps.push({
      at: i * w.intervalMs,
      process: SHOPPER,
      f: 'start',
      value: {
        id: padId('saga', i),
        product: pick(rand, w.products),
        qty: intIn(rand, 1, w.maxQty),
        user: `user-${(i % 5) + 1}`,
        retryMs: w.retryMs,
      },
    });
  }
  if (w.kill) {
    steps.push({
      at: w.kill.atMs,
      process: 'nemesis',
      fault: {
        kind: 'point',
        target: C.inventory,
        point: w.kill.point,
        then: 'kill',
        durationMs: w.kill.downMs,
        timeoutMs: Math.max(1000, w.sagas * w.intervalMs - w.kill.atMs + 3000),
      },
    });
  }
  steps.push({ at: auditAt(w), process: SHOPPER, f: 'audit', value: { settleMs: w.settleMs } });
  return steps.sort((a, b) => a.at - b.at);
}
