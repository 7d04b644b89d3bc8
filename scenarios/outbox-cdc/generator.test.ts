import { describe, it, expect } from 'vitest';
import { cdcSchedule } from './generator';

describe('cdcSchedule', () => {
  it('places the orders, kills Connect and starts it downMs later, then settles', () => {
    const s = cdcSchedule({
      orders: 5,
      intervalMs: 200,
      kill: { target: 'connect', atMs: 300, downMs: 500 },
    });
    expect(s.map((x) => [x.at, x.process, 'fault' in x ? `${x.fault.kind} ${x.fault.target}` : x.f])).toEqual(
      [
        [0, 'client', 'add'],
        [200, 'client', 'add'],
        [300, 'nemesis', 'kill connect'],
        [400, 'client', 'add'],
        [600, 'client', 'add'],
        [800, 'client', 'add'],
        [800, 'nemesis', 'start connect'],
        [1000, 'client', 'settle'],
      ],
    );
    expect(s[0]).toMatchObject({ value: { id: 'order-001', user: 'user-1' } });
  });

  it('is the same for the same input, and has no fault without one', () => {
    const w = { orders: 3, intervalMs: 100, kill: null };
    expect(cdcSchedule(w)).toEqual(cdcSchedule(w));
    expect(cdcSchedule(w).some((x) => x.process === 'nemesis')).toBe(false);
  });
});
