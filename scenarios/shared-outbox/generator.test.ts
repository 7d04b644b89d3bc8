import { describe, it, expect } from 'vitest';
import { killTimes, outboxSchedule, REARM_MARGIN_MS } from './generator';

describe('outboxSchedule', () => {
  it('places N orders, then one settle op after the last', () => {
    const s = outboxSchedule({ orders: 4, intervalMs: 100, kill: null });
    expect(s.map((x) => ('f' in x ? `${x.at} ${x.f}` : `${x.at} fault`))).toEqual([
      '0 add',
      '100 add',
      '200 add',
      '300 add',
      '400 settle',
    ]);
    expect(s[0]).toMatchObject({ process: 'client', value: { id: 'order-001', user: 'user-1' } });
  });

  it('arms the point mid-run, kills there and restarts after downMs', () => {
    const s = outboxSchedule({
      orders: 30,
      intervalMs: 100,
      kill: { target: 'writer', point: 'after-commit-before-publish', times: 1, downMs: 1500 },
    });
    const faults = s.filter((x) => x.process === 'nemesis');
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({
      at: 1550,
      fault: {
        kind: 'point',
        target: 'writer',
        point: 'after-commit-before-publish',
        then: 'kill',
        durationMs: 1500,
      },
    });
    // orders keep coming after the point is armed, so it is reached
    expect(s.filter((x) => 'f' in x && x.f === 'add' && x.at > 1550).length).toBeGreaterThan(0);
  });

  it('spaces several kills at least one restart apart', () => {
    expect(killTimes(30, 100, 2, 1500)).toEqual([1050, 1050 + 1500 + REARM_MARGIN_MS]);
    expect(killTimes(200, 100, 3, 1000)).toEqual([5050, 10050, 15050]);
    // half-way between two orders: arming never coincides with an order
    for (const t of killTimes(37, 80, 2, 700)) expect(t % 80).toBe(40);
  });

  it('is deterministic', () => {
    const w = { orders: 7, intervalMs: 50, kill: { target: 'relay', point: 'p', times: 2, downMs: 500 } };
    expect(JSON.stringify(outboxSchedule(w))).toBe(JSON.stringify(outboxSchedule(w)));
  });
});
