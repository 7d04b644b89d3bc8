// The pure workload of reconciliation: one writer places N orders, one every intervalMs;
// each is a dual write (the order service's own database, then shipping's copy). After the
// last one the same lane runs the audit: it waits until the validation job has left no
// drift (up to settleMs), then reads the source, the copy and the job's repair log.
import type { Step } from '../../main/engine/scenario';
import { intIn, mulberry32, padId, pick } from '../shared-saga/random';

export interface ReconWorkload {
  orders: number;
  intervalMs: number;
  seed: number;
  settleMs: number;
}

export const WRITER = 'writer';
const PRICE = 10;

export function reconSchedule(w: ReconWorkload): Step[] {
  const rand = mulberry32(w.seed);
  const steps: Step[] = [];
  for (let i = 0; i < w.orders; i++) {
    const qty = intIn(rand, 1, 3);
    steps.push({
      at: i * w.intervalMs,
      process: WRITER,
      f: 'add',
      value: {
        id: padId('order', i),
        user: `user-${(i % 5) + 1}`,
        product: pick(rand, ['p1', 'p2']),
        qty,
        amount: qty * PRICE,
      },
    });
  }
  steps.push({
    at: w.orders * w.intervalMs,
    process: WRITER,
    f: 'audit-recon',
    value: { settleMs: w.settleMs },
  });
  return steps;
}
