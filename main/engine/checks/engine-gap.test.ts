import { describe, it, expect } from 'vitest';
import { engineGapsOf, withEngineGaps, ENGINE_GAP } from './engine-gap';
import type { Verdict } from './verdict';
import type { RunEvent } from '../events';

const verdict = (valid: Verdict['valid']): Verdict => ({
  valid,
  anomalies: { 'lost-writes': 0 },
  examples: {},
  checks: [{ name: 'lost-writes', valid, summary: 's', anomalies: { 'lost-writes': 0 }, examples: {} }],
});

describe('withEngineGaps', () => {
  it('leaves the verdict alone without a gap', () => {
    const v = verdict(true);
    expect(withEngineGaps(v, 0)).toBe(v);
  });

  it.each([true, false, 'unknown'] as const)(
    'turns %s into unknown after a gap, counting engine-gap',
    (valid) => {
      const v = withEngineGaps(verdict(valid), 2);
      expect(v.valid).toBe('unknown');
      expect(v.anomalies).toEqual({ 'lost-writes': 0, [ENGINE_GAP]: 2 });
      expect(v.checks.map((c) => c.name)).toEqual(['lost-writes', ENGINE_GAP]);
      expect(v.checks[1]).toMatchObject({ valid: 'unknown', stats: { gaps: 2, verdictBefore: valid } });
    },
  );
});

describe('engineGapsOf', () => {
  it('counts the log lines that mark a lost event stream', () => {
    const events: RunEvent[] = [
      {
        type: 'log',
        t: 1,
        level: 'warn',
        message: `${ENGINE_GAP}: lost the Docker event stream (socket hang up)`,
      },
      { type: 'log', t: 2, level: 'warn', message: `${ENGINE_GAP}: reconnected after 3000 ms` },
      { type: 'log', t: 3, level: 'info', message: 'order-1 ready in 20 ms' },
    ];
    expect(engineGapsOf(events)).toBe(1);
    expect(engineGapsOf([])).toBe(0);
  });
});
