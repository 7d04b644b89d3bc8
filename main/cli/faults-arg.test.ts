import { describe, it, expect } from 'vitest';
import { parseFaultArg } from './faults-arg';

describe('--fault', () => {
  it('parses kind, target, time and duration', () => {
    expect(parseFaultArg('kill:order-2@1500+2000')).toEqual({
      at: 1500,
      process: 'nemesis',
      fault: { kind: 'kill', target: 'order-2', durationMs: 2000 },
    });
    expect(parseFaultArg('pause:lb')).toEqual({
      at: 0,
      process: 'nemesis',
      fault: { kind: 'pause', target: 'lb', durationMs: undefined },
    });
  });
  it('parses a kill at a named point', () => {
    expect(parseFaultArg('kill:order-1@after-commit-before-publish+3000')).toEqual({
      at: 0,
      process: 'nemesis',
      fault: {
        kind: 'point',
        target: 'order-1',
        point: 'after-commit-before-publish',
        then: 'kill',
        durationMs: 3000,
      },
    });
  });

  it('rejects an unknown kind with the list of kinds', () => {
    expect(() => parseFaultArg('explode:order-1')).toThrow(/kill\|stop/);
  });
});

describe('network faults on the command line', () => {
  it('reads latency with jitter, time and duration', () => {
    expect(parseFaultArg('latency:product=800~200@4000+6000')).toEqual({
      at: 4000,
      process: 'nemesis',
      fault: { kind: 'latency', target: 'product', latencyMs: 800, jitterMs: 200, durationMs: 6000 },
    });
  });
  it('reads bandwidth, timeout and reset values into their fields', () => {
    const fault = (s: string) => (parseFaultArg(s) as { fault: unknown }).fault;
    expect(fault('bandwidth:product=16')).toMatchObject({ kind: 'bandwidth', rateKBps: 16 });
    expect(fault('timeout:product=0+3000')).toMatchObject({
      kind: 'timeout',
      afterMs: 0,
      durationMs: 3000,
    });
    expect(fault('reset:product')).toEqual({ kind: 'reset', target: 'product', durationMs: undefined });
  });
  it('refuses a value on a kind that takes none, jitter on anything but latency, and 0 KB/s', () => {
    expect(() => parseFaultArg('kill:order-2=5')).toThrow(/only latency takes/);
    expect(() => parseFaultArg('bandwidth:product=16~2')).toThrow(/only latency takes/);
    expect(() => parseFaultArg('bandwidth:product=0')).toThrow(/at least 1 KB\/s/);
  });
});
