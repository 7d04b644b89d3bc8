import { describe, expect, it } from 'vitest';
import { checkSafe, composeChecks, mergeValidity, runChecks } from './compose';
import type { CheckResult } from './verdict';
import type { Checker } from '../scenario';
import { input } from './history.fixture';

const result = (
  name: string,
  valid: CheckResult['valid'],
  anomalies: Record<string, number> = {},
  examples: Record<string, unknown[]> = {},
): CheckResult => ({
  name,
  valid,
  summary: name,
  anomalies,
  examples,
});

describe('mergeValidity', () => {
  it('ranks true < unknown < false', () => {
    expect(mergeValidity(true, true)).toBe(true);
    expect(mergeValidity(true, 'unknown')).toBe('unknown');
    expect(mergeValidity('unknown', true)).toBe('unknown');
    expect(mergeValidity('unknown', false)).toBe(false);
    expect(mergeValidity(false, 'unknown')).toBe(false);
    expect(mergeValidity(true, false)).toBe(false);
  });
});

describe('composeChecks', () => {
  it('is valid with no checks', () => {
    expect(composeChecks([])).toEqual({ valid: true, anomalies: {}, examples: {}, checks: [] });
  });

  it('takes the worst validity, sums anomalies per kind and keeps every check in order', () => {
    const v = composeChecks([
      result('a', true, { x: 0 }),
      result('b', 'unknown', { x: 2, y: 1 }),
      result('c', false, { x: 3 }),
    ]);
    expect(v.valid).toBe(false);
    expect(v.anomalies).toEqual({ x: 5, y: 1 });
    expect(v.checks.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('is unknown when one check is unknown and none invalid', () => {
    expect(composeChecks([result('a', true), result('b', 'unknown')]).valid).toBe('unknown');
  });

  it('merges examples keeping at most 5 per kind, first ones first', () => {
    const v = composeChecks([
      result('a', false, { x: 4 }, { x: [1, 2, 3, 4] }),
      result('b', false, { x: 3, y: 1 }, { x: [5, 6, 7], y: ['only'] }),
    ]);
    expect(v.examples).toEqual({ x: [1, 2, 3, 4, 5], y: ['only'] });
  });
});

describe('checkSafe / runChecks', () => {
  const boom: Checker = {
    name: 'boom',
    check() {
      throw new Error('store list was not an array');
    },
  };
  const fine: Checker = { name: 'fine', check: () => result('fine', true) };

  it('turns an exception into unknown with the message in the summary', () => {
    const r = checkSafe(boom, input([], []));
    expect(r.valid).toBe('unknown');
    expect(r.name).toBe('boom');
    expect(r.summary).toContain('store list was not an array');
  });

  it('a throwing checker makes the verdict unknown, not invalid, and others still run', () => {
    const v = runChecks([fine, boom], input([], []));
    expect(v.valid).toBe('unknown');
    expect(v.checks.map((c) => c.valid)).toEqual([true, 'unknown']);
  });
});
