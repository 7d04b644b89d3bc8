import { describe, it, expect } from 'vitest';
import { outboxPolling } from './index';
import { resolveParams } from '../../main/engine/params';

const plan = (raw: Record<string, string> = {}) =>
  outboxPolling.plan(resolveParams('outbox-polling', outboxPolling.knobs, raw), 1);

describe('outbox-polling plan', () => {
  it('the writer in outbox mode, the consumer, and a relay started after the writer', () => {
    const p = plan({ pollMs: '50', batchSize: '3' });
    expect(p.containers.map((c) => c.name)).toEqual(['db', 'kafka', 'writer', 'consumer', 'relay']);
    expect(p.containers.find((c) => c.name === 'writer')?.env).toMatchObject({ MODE: 'outbox' });
    const relay = p.containers.find((c) => c.name === 'relay')!;
    expect(relay.env).toMatchObject({ ROLE: 'relay', POLL_MS: '50', BATCH_SIZE: '3' });
    expect(relay.dependsOn).toEqual(['writer']);
    expect(p.stores.map((s) => s.name)).toEqual([
      'writer-orders',
      'outbox-sent',
      'outbox-backlog',
      'consumer-effects',
    ]);
  });

  it('kills the relay between publish and mark; expects duplicates only without idempotence', () => {
    const p = plan();
    expect(p.schedule.find((s) => 'fault' in s)).toMatchObject({
      fault: { kind: 'point', target: 'relay', point: 'relay-after-publish-before-mark', then: 'kill' },
    });
    expect(p.expected).toEqual({ valid: true, anomalies: [] });
    expect(plan({ idempotent: 'false' }).expected).toEqual({ valid: false, anomalies: ['duplicate-effect'] });
    expect(plan({ idempotent: 'false', fault: 'none' }).expected.valid).toBe(true);
  });

  it('explains itself in English and Korean, with the seeds’ claims', () => {
    for (const lang of ['en', 'ko'] as const)
      for (const part of Object.values(outboxPolling.explanation[lang]))
        expect(part.length).toBeGreaterThan(50);
    expect(outboxPolling.explanation.ko.pattern).toMatch(/멱등/);
    expect(outboxPolling.explanation.en.pattern).toMatch(/polling interval/);
  });
});
