// Informational: the consumer's retry work as the settle op recorded it (tries, retries,
// messages sent to the DLQ) and the client's (timeouts, retried requests). Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';

export function retryWork(o: { maxAttempts: number; backoffMs: number }): Checker {
  return {
    name: 'retries',
    check(input: CheckInput): CheckResult {
      const settle = input.history.findLast((op) => op.f === 'settle' && op.type !== 'invoke');
      const p = (settle?.value as { payments?: Record<string, unknown> | null } | undefined)?.payments;
      const base = { name: 'retries', valid: true as const, anomalies: {}, examples: {} };
      if (!p) return { ...base, summary: 'the consumer’s counters were not read (the run did not settle)' };
      const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : 0);
      return {
        ...base,
        summary:
          `consumer: ${n('deliveries')} deliveries, ${n('attempts')} tries (${n('retries')} retries, backoff from ${o.backoffMs} ms doubling), ` +
          `${n('applied')} paid, ${n('deadLettered')} sent to the DLQ after ${o.maxAttempts} tries, ${n('skippedDuplicates')} redeliveries skipped`,
        stats: {
          deliveries: n('deliveries'),
          attempts: n('attempts'),
          retries: n('retries'),
          applied: n('applied'),
          deadLettered: n('deadLettered'),
          skippedDuplicates: n('skippedDuplicates'),
        },
      };
    },
  };
}
