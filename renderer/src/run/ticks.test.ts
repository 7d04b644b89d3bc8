import { describe, expect, it } from 'vitest';
import { niceTicks } from './ticks';

describe('time axis ticks', () => {
  it('uses round steps, about eight across', () => {
    expect(niceTicks([0, 10])).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks([-19, 30])).toEqual([-10, 0, 10, 20, 30]);
    expect(niceTicks([0, 1800]).length).toBeLessThanOrEqual(8);
  });
});

import { niceCeil } from './ticks';
describe('niceCeil', () => {
  it('rounds up to the axis step', () => {
    expect(niceCeil(10)).toBe(10);
    expect(niceCeil(11)).toBe(12);
    expect(niceCeil(95)).toBe(105);
    expect(niceCeil(1805)).toBe(2100);
  });
});

import { valueTicks } from './ticks';
describe('valueTicks', () => {
  it('steps round, with headroom above the maximum', () => {
    expect(valueTicks(0)).toEqual([0, 1, 2, 3, 4]);
    expect(valueTicks(8)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(valueTicks(99)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(valueTicks(20)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(valueTicks(11)).toEqual([0, 5, 10, 15]);
  });
});
