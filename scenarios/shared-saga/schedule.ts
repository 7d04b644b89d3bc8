// The pure workload of the saga scenarios: one shopper starts N sagas, one every intervalMs,
// each for a product and a quantity drawn from the seed, sending it again while the service
// that takes it cannot (for up to retryMs: same id, created once); the nemesis arms a named
// point in the service under test at killAtMs and kills it when a saga holds there, then
// starts it again downMs later; after the last start (and the restart) the same lane runs the
// audit, which waits until every saga is terminal and reads every service's store.
import type { Step } from '../../main/engine/scenario';
import { intIn, mulberry32, padId, pick } from './random';

export interface SagaWorkload {
  sagas: number;
  intervalMs: number;
  products: string[];
  maxQty: number;
  seed: number;
  kill: { point: string; atMs: number; downMs: number } | null;
  /** How long the audit waits for every saga to be terminal. */
  settleMs: number;
  /** How long the shopper keeps sending a start the service could not take (0: once). */
  retryMs: number;
}

export const SHOPPER = 'shop';

export function sagaId(i: number): string {
  return padId('saga', i);
}

/** When the audit runs: after the last start, and after the killed service is back. */
export function auditAt(w: SagaWorkload): number {
  const lastStart = Math.max(0, w.sagas - 1) * w.intervalMs;
  const restart = w.kill ? w.kill.atMs + w.kill.downMs : 0;
  return Math.max(lastStart, restart) + 500;
}

/** The steps, in time order; `killTarget` is the container the named point is armed in. */
export function sagaSchedule(w: SagaWorkload, killTarget: string): Step[] {
  const rand = mulberry32(w.seed);
  const steps: Step[] = [];
  for (let i = 0; i < w.sagas; i++) {
    steps.push({
      at: i * w.intervalMs,
      process: SHOPPER,
      f: 'start',
      value: {
        id: sagaId(i),
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
        target: killTarget,
        point: w.kill.point,
        then: 'kill',
        durationMs: w.kill.downMs,
        // The point must be reached while sagas are still being started.
        timeoutMs: Math.max(1000, w.sagas * w.intervalMs - w.kill.atMs + 3000),
      },
    });
  }
  steps.push({ at: auditAt(w), process: SHOPPER, f: 'audit', value: { settleMs: w.settleMs } });
  return steps.sort((a, b) => a.at - b.at);
}
