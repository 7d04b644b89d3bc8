import { describe, it, expect } from 'vitest';
import { observation } from './client';

describe('observation', () => {
  it('reads the writer’s orders, the consumer’s counters and the connector’s state', () => {
    expect(
      observation(
        5,
        { ids: ['a', 'b'] },
        { distinctEvents: 2, effects: 3, lag: 0 },
        { running: true, slot: { released: true } },
      ),
    ).toEqual({ at: 5, orders: 2, applied: 2, effects: 3, lag: 0, running: true, walReleased: true });
  });

  it('an unreachable service gives nulls, and Connect down is not running', () => {
    expect(observation(0, null, null, null)).toEqual({
      at: 0,
      orders: null,
      applied: null,
      effects: null,
      lag: null,
      running: false,
      walReleased: null,
    });
  });
});
