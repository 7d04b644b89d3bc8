import { describe, it, expect } from 'vitest';
import { steadyState, checksOf, STEADY_BEFORE } from './steady-state';
import type { CheckInput } from '../scenario';
import type { RunEvent, StoreSnapshot } from '../events';

const up = (name: string): StoreSnapshot => ({ name, rows: 1, ids: ['a'], available: true });
const down = (name: string): StoreSnapshot => ({ name, rows: 0, ids: [], available: false });

function input(before: StoreSnapshot[] | null, after: StoreSnapshot[] | null): CheckInput {
  const events: RunEvent[] = [];
  if (before) events.push({ type: 'snapshot', t: 10, reason: STEADY_BEFORE, stores: before });
  if (after) events.push({ type: 'snapshot', t: 900, reason: 'final', stores: after });
  return { params: {}, history: [], finalStores: after ?? [], events };
}

describe('steady-state hypothesis', () => {
  it('met before faults and after recovery: valid', () => {
    const r = steadyState().check(input([up('a'), up('b')], [up('a'), up('b')]));
    expect(r.valid).toBe(true);
    expect(r.summary).toMatch(/before faults met, after recovery met/);
  });

  it('not met after recovery: invalid, naming what did not answer', () => {
    const r = steadyState().check(input([up('a'), up('b')], [up('a'), down('b')]));
    expect(r.valid).toBe(false);
    expect(r.anomalies['steady-state-not-met']).toBe(1);
    expect(r.summary).toMatch(/after recovery not met \(b did not answer\)/);
  });

  it('not met before any fault: the experiment cannot conclude (unknown)', () => {
    const r = steadyState().check(input([down('a')], [up('a')]));
    expect(r.valid).toBe('unknown');
  });

  it('a scenario adds its own probes after the built-in checks', () => {
    const probe = {
      name: 'has-rows',
      description: 'a store has rows',
      holds: (s: StoreSnapshot[]) => s.some((x) => x.rows > 0) || 'no rows',
    };
    const checks = checksOf({ checks: [], steadyState: [probe] });
    expect(checks.map((c) => c.name)).toEqual(['steady-state']);
    expect(checks[0].check(input([up('a')], [down('a')])).valid).toBe(false);
  });
});
