// Informational: how many events Connect sent more than once, as the settle op recorded them
// (messages on the topic against the orders committed), and what the consumer did with the
// copies (skipped them when idempotent, applied them again when not). Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';

interface Settled {
  orders?: number | null;
  consumer?: { messagesOnTopic?: number | null; deliveries?: number; 'skipped-duplicate'?: number } | null;
}

function settled(input: CheckInput): Settled | null {
  for (let i = input.history.length - 1; i >= 0; i--) {
    const op = input.history[i];
    if (op.f === 'settle' && op.type !== 'invoke') return (op.value ?? null) as Settled | null;
  }
  return null;
}

export function redelivery(): Checker {
  return {
    name: 'cdc-redelivery',
    check(input: CheckInput): CheckResult {
      const v = settled(input);
      const orders = v?.orders;
      const onTopic = v?.consumer?.messagesOnTopic;
      const base = { name: 'cdc-redelivery', valid: true as const, anomalies: {}, examples: {} };
      if (typeof orders !== 'number' || typeof onTopic !== 'number')
        return { ...base, summary: 'the topic and the orders were not counted (the run did not settle)' };
      const resent = onTopic - orders;
      const skipped = v?.consumer?.['skipped-duplicate'] ?? 0;
      const summary =
        `${onTopic} messages on the topic for ${orders} committed orders: ` +
        (resent > 0
          ? `${resent} events sent again after Connect restarted from its last committed offset; the consumer skipped ${skipped} copies`
          : resent === 0
            ? 'each event sent once'
            : `${-resent} orders have no message yet`);
      return {
        ...base,
        summary,
        stats: { orders, messagesOnTopic: onTopic, resent, skippedDuplicates: skipped },
      };
    },
  };
}
