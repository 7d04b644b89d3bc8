// Did each message end where its card says it should? A poison card fails every try, so its
// orders belong in the DLQ; a valid or flaky card is charged (flaky after a retry), so its
// orders belong in the payment table. The card of each request comes from the history (what
// the client asked for). A misrouted message means the retry policy is wrong for the
// failures at hand: too few tries (a flaky card dead-lettered) or none at all. Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';
import { ANOMALY, STORE, splitKey } from './names';

function cards(input: CheckInput): Map<string, string> {
  const m = new Map<string, string>();
  for (const op of input.history) {
    if (op.f !== 'place' || op.type !== 'invoke') continue;
    const v = (op.value ?? {}) as { ref?: unknown; card?: unknown };
    if (typeof v.ref === 'string' && typeof v.card === 'string') m.set(v.ref, v.card);
  }
  return m;
}

export function dlqRouting(): Checker {
  return {
    name: 'dlq-routing',
    check(input: CheckInput): CheckResult {
      const payments = input.finalStores.find((s) => s.name === STORE.payments);
      const dlq = input.finalStores.find((s) => s.name === STORE.dlq);
      if (!payments?.available || !dlq?.available)
        return {
          name: 'dlq-routing',
          valid: 'unknown',
          summary: 'the payments or the DLQ could not be read',
          anomalies: { [ANOMALY.misrouted]: 0 },
          examples: {},
        };
      const card = cards(input);
      const wrong: { id: string; card: string; endedIn: string }[] = [];
      const tally: Record<string, { paid: number; dead: number }> = {};
      const see = (ids: readonly string[], where: 'paid' | 'dead') => {
        for (const id of new Set(ids)) {
          const c = card.get(splitKey(id).ref) ?? 'unknown';
          (tally[c] ??= { paid: 0, dead: 0 })[where]++;
          if (c === 'unknown') continue;
          if ((c === 'poison') !== (where === 'dead'))
            wrong.push({ id, card: c, endedIn: where === 'dead' ? STORE.dlq : STORE.payments });
        }
      };
      see(payments.ids, 'paid');
      see(dlq.ids, 'dead');
      const parts = Object.entries(tally)
        .sort()
        .map(([c, n]) => `${c}: ${n.paid} paid, ${n.dead} in the DLQ`);
      return {
        name: 'dlq-routing',
        valid: wrong.length ? false : true,
        summary: `${parts.join('; ') || 'no messages'}${wrong.length ? `; ${wrong.length} misrouted` : ''}`,
        anomalies: { [ANOMALY.misrouted]: wrong.length },
        examples: wrong.length ? { [ANOMALY.misrouted]: wrong.slice(0, 5) } : {},
        stats: { byCard: tally },
      };
    },
  };
}
