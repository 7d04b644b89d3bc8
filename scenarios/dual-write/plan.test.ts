import { describe, it, expect } from 'vitest';
import { dualWrite } from './index';
import { resolveParams } from '../../main/engine/params';

const plan = (raw: Record<string, string> = {}) =>
  dualWrite.plan(resolveParams('dual-write', dualWrite.knobs, raw), 1);

describe('dual-write plan', () => {
  it('one database, one broker, the writer in dual-write mode and the consumer', () => {
    const p = plan();
    expect(p.containers.map((c) => [c.name, c.image])).toEqual([
      ['db', 'postgres'],
      ['kafka', 'kafka'],
      ['writer', 'outbox-service'],
      ['consumer', 'outbox-service'],
    ]);
    expect(p.containers.find((c) => c.name === 'writer')?.env).toMatchObject({
      ROLE: 'writer',
      MODE: 'dual-write',
    });
    expect(p.stores.map((s) => s.name)).toEqual(['writer-orders', 'consumer-effects']);
  });

  it('kills the writer at after-commit-before-publish, then restarts it; expects lost events', () => {
    const p = plan();
    const faults = p.schedule.filter((s) => 'fault' in s);
    expect(faults.map((s) => ('fault' in s ? s.fault : null))).toMatchObject([
      {
        kind: 'point',
        target: 'writer',
        point: 'after-commit-before-publish',
        then: 'kill',
        durationMs: 1500,
      },
    ]);
    expect(p.expected).toEqual({ valid: false, anomalies: ['lost-event'] });
  });

  it('without the fault it expects a valid run; the idempotent knob reaches the consumer', () => {
    const p = plan({ fault: 'none', idempotent: 'false', kills: '3' });
    expect(p.schedule.some((s) => 'fault' in s)).toBe(false);
    expect(p.expected.valid).toBe(true);
    expect(p.containers.find((c) => c.name === 'consumer')?.env?.IDEMPOTENT).toBe('false');
    expect(plan({ kills: '3', orders: '200' }).schedule.filter((s) => 'fault' in s)).toHaveLength(3);
  });

  it('explains itself in English and Korean', () => {
    for (const lang of ['en', 'ko'] as const)
      for (const part of Object.values(dualWrite.explanation[lang])) expect(part.length).toBeGreaterThan(50);
    expect(dualWrite.explanation.ko.problem).toMatch(/원자성이 없으므로/);
  });
});
