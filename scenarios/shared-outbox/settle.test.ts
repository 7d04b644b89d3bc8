import { describe, it, expect } from 'vitest';
import { settleStep, type Observation, type SettleState } from './settle';

const obs = (at: number, o: Partial<Observation> = {}): Observation => ({
  at,
  orders: 10,
  backlog: 0,
  lag: 0,
  effects: 10,
  ...o,
});

function feed(list: Observation[], stableMs = 1000): number | null {
  let state: SettleState = { since: null };
  for (const o of list) {
    const r = settleStep(state, o, stableMs);
    state = r.state;
    if (r.settled) return o.at;
  }
  return null;
}

describe('settleStep', () => {
  it('settles once quiet and unchanged for stableMs', () => {
    expect(feed([obs(0), obs(500), obs(1000), obs(1500)])).toBe(1000);
  });

  it('waits while the outbox has unsent rows, the consumer lags, or a store is down', () => {
    expect(feed([obs(0, { backlog: 2 }), obs(500, { backlog: 2 }), obs(1000, { backlog: 2 })])).toBeNull();
    expect(feed([obs(0, { lag: 1 }), obs(2000, { lag: 1 })])).toBeNull();
    expect(feed([obs(0, { orders: null }), obs(2000, { orders: null })])).toBeNull();
    expect(feed([obs(0, { lag: null }), obs(2000, { lag: null })])).toBeNull();
  });

  it('starts over when anything changes (a republished batch applied late)', () => {
    expect(
      feed([
        obs(0),
        obs(800),
        obs(900, { effects: 11 }),
        obs(1800, { effects: 11 }),
        obs(1900, { effects: 11 }),
      ]),
    ).toBe(1900);
  });

  it('settles with orders the consumer never got: dual-write loses them for good', () => {
    expect(feed([obs(0, { effects: 9 }), obs(1200, { effects: 9 })])).toBe(1200);
  });
});
