import { describe, it, expect } from 'vitest';
import { backoffBefore, withRetries, type RetryPolicy } from './retry';
import { charge, GatewayError } from './gateway';

const policy: RetryPolicy = { maxAttempts: 4, backoffMs: 100, maxBackoffMs: 250 };

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('backoffBefore', () => {
  it('waits nothing before the first try, then doubles up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffBefore(a, policy))).toEqual([0, 100, 200, 250, 250]);
  });
});

describe('withRetries', () => {
  it('a valid card is charged on the first try', async () => {
    const r = recorder();
    const out = await withRetries(policy, async (a) => (charge('valid', a), 'paid'), r.sleep);
    expect(out).toMatchObject({ ok: true, value: 'paid', attempts: 1, errors: [], waitedMs: 0 });
    expect(r.waits).toEqual([]);
  });

  it('a flaky card fails once, is retried after the backoff and charged', async () => {
    const r = recorder();
    const out = await withRetries(policy, async (a) => (charge('flaky', a), 'paid'), r.sleep);
    expect(out).toMatchObject({ ok: true, attempts: 2, errors: ['gateway timed out'], waitedMs: 100 });
  });

  it('a poison card fails every try: given up after maxAttempts, with every error', async () => {
    const r = recorder();
    const failures: number[] = [];
    const out = await withRetries(
      policy,
      async (a) => (charge('poison', a), 'paid'),
      r.sleep,
      (a) => failures.push(a),
    );
    expect(out.ok).toBe(false);
    expect(out.attempts).toBe(4);
    expect(out.errors).toHaveLength(4);
    expect(r.waits).toEqual([100, 200, 250]);
    expect(out.waitedMs).toBe(550);
    expect(failures).toEqual([1, 2, 3, 4]);
  });

  it('one try only: no retry', async () => {
    const out = await withRetries(
      { ...policy, maxAttempts: 1 },
      async (a) => charge('flaky', a),
      recorder().sleep,
    );
    expect(out).toMatchObject({ ok: false, attempts: 1 });
  });

  it('the gateway says which failures are transient', () => {
    expect(() => charge('flaky', 2)).not.toThrow();
    try {
      charge('poison', 9);
    } catch (e) {
      expect(e).toBeInstanceOf(GatewayError);
      expect((e as GatewayError).transient).toBe(false);
    }
  });
});
