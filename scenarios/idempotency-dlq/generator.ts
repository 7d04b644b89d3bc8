// The pure workload of idempotency-dlq. One client sends R order requests at a fixed
// interval. The seed picks, exactly and reproducibly, which requests are:
//   slow    the API holds back its first reply slowMs (as a GC pause or a slow network
//           would): the client times out and retries
//   poison  the card the payment gateway fails on every try: the message ends in the DLQ
//   flaky   the gateway times out on the first try only: a retry charges it
// After the last request the client waits for the consumer to settle.
import type { Step } from '../../main/engine/scenario';
import type { Card } from './names';

export interface DlqWorkload {
  requests: number;
  intervalMs: number;
  /** Percentages of the requests. */
  slowShare: number;
  poisonShare: number;
  flakyShare: number;
}

export interface PlaceValue {
  ref: string;
  user: string;
  card: Card;
  amountCents: number;
  /** Hold back the reply to the first attempt this long (0: no stall). */
  stallMs: number;
}

export function refOf(i: number): string {
  return `order-${String(i + 1).padStart(3, '0')}`;
}

/** A small seeded generator (mulberry32): the same seed gives the same picks. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct items of `from` (all of them if fewer), chosen by `random`. */
export function pick<T>(from: readonly T[], count: number, random: () => number): Set<T> {
  const all = [...from];
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return new Set(all.slice(0, Math.max(0, count)));
}

/** How many of n requests a share (percent) is. */
export const shareOf = (n: number, percent: number): number => Math.round((n * percent) / 100);

export function dlqSchedule(w: DlqWorkload, slowMs: number, seed: number): Step[] {
  const random = rng(seed);
  const all = [...Array(w.requests).keys()];
  const slow = pick(all, shareOf(w.requests, w.slowShare), random);
  const poison = pick(all, shareOf(w.requests, w.poisonShare), random);
  // Flaky cards among the requests that are not poison.
  const flaky = pick(
    all.filter((i) => !poison.has(i)),
    shareOf(w.requests, w.flakyShare),
    random,
  );
  const steps: Step[] = [];
  for (let i = 0; i < w.requests; i++) {
    const value: PlaceValue = {
      ref: refOf(i),
      user: `user-${(i % 3) + 1}`,
      card: poison.has(i) ? 'poison' : flaky.has(i) ? 'flaky' : 'valid',
      amountCents: 1000 + i,
      stallMs: slow.has(i) ? slowMs : 0,
    };
    steps.push({ at: i * w.intervalMs, process: 'client', f: 'place', value });
  }
  steps.push({ at: w.requests * w.intervalMs, process: 'client', f: 'settle' });
  return steps;
}
