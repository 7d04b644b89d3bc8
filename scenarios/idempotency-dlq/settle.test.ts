import { describe, it, expect } from 'vitest';
import { settleStep, type DlqObservation, type SettleState } from './settle';

const obs = (at: number, o: Partial<DlqObservation> = {}): DlqObservation => ({
  at,
  orders: 10,
  paidOrders: 8,
  dlqMessages: 2,
  dlqSeen: 2,
  lag: 0,
  processing: 0,
  ...o,
});

function feed(list: DlqObservation[], stableMs = 1000): number | null {
  let state: SettleState = { since: null };
  for (const o of list) {
    const r = settleStep(state, o, stableMs);
    state = r.state;
    if (r.settled) return o.at;
  }
  return null;
}

describe('settleStep (idempotency-dlq)', () => {
  it('settles when every order is paid or dead-lettered and nothing moves for stableMs', () => {
    expect(feed([obs(0), obs(600), obs(1000)])).toBe(1000);
  });

  it('waits for a message under retry, lag, the DLQ reader, or orders not yet handled', () => {
    expect(feed([obs(0, { processing: 1 }), obs(2000, { processing: 1 })])).toBeNull();
    expect(feed([obs(0, { lag: 3 }), obs(2000, { lag: 3 })])).toBeNull();
    expect(feed([obs(0, { dlqSeen: 1 }), obs(2000, { dlqSeen: 1 })])).toBeNull();
    expect(feed([obs(0, { paidOrders: 7 }), obs(2000, { paidOrders: 7 })])).toBeNull();
    expect(feed([obs(0, { orders: null }), obs(2000, { orders: null })])).toBeNull();
  });

  it('a change starts the quiet stretch over', () => {
    expect(
      feed([
        obs(0),
        obs(900, { orders: 11, paidOrders: 9 }),
        obs(1800, { orders: 11, paidOrders: 9 }),
        obs(1900, { orders: 11, paidOrders: 9 }),
      ]),
    ).toBe(1900);
  });
});
