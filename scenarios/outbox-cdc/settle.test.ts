import { describe, it, expect } from 'vitest';
import { settleStep, type CdcObservation, type SettleState } from './settle';

const obs = (at: number, o: Partial<CdcObservation> = {}): CdcObservation => ({
  at,
  orders: 10,
  applied: 10,
  effects: 10,
  lag: 0,
  running: true,
  walReleased: null,
  ...o,
});

function feed(list: CdcObservation[], stableMs = 1000): number | null {
  let state: SettleState = { since: null };
  for (const o of list) {
    const r = settleStep(state, o, stableMs);
    state = r.state;
    if (r.settled) return o.at;
  }
  return null;
}

describe('settleStep (outbox-cdc)', () => {
  it('settles once everything arrived and held still for stableMs', () => {
    expect(feed([obs(0), obs(500), obs(1000)])).toBe(1000);
  });

  it('waits while Connect is down, orders are missing, the consumer lags or the slot holds its peak', () => {
    expect(feed([obs(0, { running: false }), obs(2000, { running: false })])).toBeNull();
    expect(feed([obs(0, { applied: 9 }), obs(2000, { applied: 9 })])).toBeNull();
    expect(feed([obs(0, { lag: 2 }), obs(2000, { lag: 2 })])).toBeNull();
    expect(feed([obs(0, { walReleased: false }), obs(2000, { walReleased: false })])).toBeNull();
    expect(feed([obs(0, { orders: null }), obs(2000, { orders: null })])).toBeNull();
  });

  it('duplicates do not hold it up, but a change starts the quiet stretch over', () => {
    expect(
      feed([
        obs(0, { effects: 12 }),
        obs(800, { effects: 13 }),
        obs(1700, { effects: 13 }),
        obs(1800, { effects: 13 }),
      ]),
    ).toBe(1800);
    expect(
      feed([
        obs(0, { walReleased: false }),
        obs(500, { walReleased: true }),
        obs(1500, { walReleased: true }),
      ]),
    ).toBe(1500);
  });
});
