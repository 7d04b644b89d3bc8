import { describe, it, expect } from 'vitest';
import { WorkloadClock, type TimeSource } from './clock';

function fakeTime(): TimeSource & { advance(ms: number): void } {
  let now = 0;
  return { now: () => now, advance: (ms) => (now += ms) };
}

describe('WorkloadClock', () => {
  it('advances with real time at rate 1', () => {
    const t = fakeTime();
    const c = new WorkloadClock(t);
    t.advance(500);
    expect(c.now()).toBe(500);
  });

  it('stands still while paused and resumes where it stopped', () => {
    const t = fakeTime();
    const c = new WorkloadClock(t);
    t.advance(100);
    c.set({ paused: true });
    t.advance(1000);
    expect(c.now()).toBe(100);
    expect(c.realDelayUntil(200)).toBe(Infinity);
    c.set({ paused: false });
    t.advance(50);
    expect(c.now()).toBe(150);
  });

  it('runs faster at a higher rate and reports the real delay to a schedule time', () => {
    const t = fakeTime();
    const c = new WorkloadClock(t);
    c.set({ rate: 2 });
    t.advance(100);
    expect(c.now()).toBe(200);
    expect(c.realDelayUntil(400)).toBe(100);
  });

  it('start() puts schedule time back to 0, keeping the rate', () => {
    const t = fakeTime();
    const c = new WorkloadClock(t);
    c.set({ rate: 2 });
    t.advance(1000);
    c.start();
    expect(c.now()).toBe(0);
    t.advance(10);
    expect(c.now()).toBe(20);
  });

  it('clamps absurd rates', () => {
    const c = new WorkloadClock(fakeTime());
    c.set({ rate: 1000 });
    expect(c.rate).toBe(20);
    c.set({ rate: 0 });
    expect(c.rate).toBe(0.05);
  });
});
