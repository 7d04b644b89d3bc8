import { describe, it, expect } from 'vitest';
import { parseFaultArg } from './faults-arg';

describe('--fault', () => {
  it('parses kind, target, time and duration', () => {
    expect(parseFaultArg('kill:order-2@1500+2000')).toEqual({ at: 1500, process: 'nemesis', fault: { kind: 'kill', target: 'order-2', durationMs: 2000 } });
    expect(parseFaultArg('pause:lb')).toEqual({ at: 0, process: 'nemesis', fault: { kind: 'pause', target: 'lb', durationMs: undefined } });
  });
  it('parses a kill at a named point', () => {
    expect(parseFaultArg('kill:order-1@after-commit-before-publish+3000')).toEqual({
      at: 0,
      process: 'nemesis',
      fault: { kind: 'point', target: 'order-1', point: 'after-commit-before-publish', then: 'kill', durationMs: 3000 },
    });
  });

  it('rejects an unknown kind with the list of kinds', () => {
    expect(() => parseFaultArg('explode:order-1')).toThrow(/kill\|stop/);
  });
});
