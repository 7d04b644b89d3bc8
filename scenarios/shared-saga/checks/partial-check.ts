// Partial failure in a synchronous coordination (seed 004): after the run, which participants
// still hold each order's change? The final stores list, per participant, the orders whose
// change is live there (an order not cancelled, stock reserved, a charge not refunded).
//   partial-failure   participants left committed for an order the user was told failed
//   incomplete-order  participants missing for an order the user was told succeeded
// An order whose outcome is unknown (info) is judged neither way. Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { CheckResult } from '../../../main/engine/checks';
import { writesOf } from '../../../main/engine/checks';
import { firstExamples } from '../../../main/engine/checks/compose';
import { ANOMALY } from '../names';

export interface PartialOptions {
  orderF?: string;
  /** Participant -> the final store listing the orders live there. */
  stores: Record<string, string>;
}

export function partialFailures(o: PartialOptions): Checker {
  const orderF = o.orderF ?? 'order';
  return {
    name: 'partial-failures',
    check(input: CheckInput): CheckResult {
      const live = new Map<string, Set<string>>();
      for (const [participant, store] of Object.entries(o.stores)) {
        const s = input.finalStores.find((x) => x.name === store);
        if (!s || !s.available)
          throw new Error(`the ${store} store (${participant}) could not be read at the end`);
        live.set(participant, new Set(s.ids));
      }
      const writes = writesOf(input.history, orderF);
      const partial: { order: string; leftAt: string[]; error?: string }[] = [];
      const incomplete: { order: string; missingAt: string[] }[] = [];
      let leftCommitted = 0;
      let missing = 0;
      for (const w of writes) {
        const at = [...live.entries()].filter(([, ids]) => ids.has(w.id)).map(([p]) => p);
        if (w.outcome === 'fail' && at.length) {
          partial.push({ order: w.id, leftAt: at, error: w.error });
          leftCommitted += at.length;
        } else if (w.outcome === 'ok' && at.length < live.size) {
          const miss = [...live.keys()].filter((p) => !at.includes(p));
          incomplete.push({ order: w.id, missingAt: miss });
          missing += miss.length;
        }
      }
      const failed = writes.filter((w) => w.outcome === 'fail').length;
      const ok = writes.filter((w) => w.outcome === 'ok').length;
      const unknown = writes.length - failed - ok;
      const perParticipant = Object.fromEntries(
        [...live.keys()].map((p) => [p, partial.filter((x) => x.leftAt.includes(p)).length]),
      );
      return {
        name: 'partial-failures',
        valid: leftCommitted + missing > 0 ? false : true,
        summary:
          `${writes.length} orders: ${ok} succeeded, ${failed} failed, ${unknown} unknown; ` +
          `${partial.length} failed orders left changes at ${leftCommitted} participants` +
          (leftCommitted
            ? ` (${Object.entries(perParticipant)
                .filter(([, n]) => n)
                .map(([p, n]) => `${p} ${n}`)
                .join(', ')})`
            : '') +
          `; ${incomplete.length} successful orders incomplete`,
        anomalies: { [ANOMALY.partialFailure]: leftCommitted, [ANOMALY.incompleteOrder]: missing },
        examples: Object.fromEntries(
          [
            [ANOMALY.partialFailure, firstExamples(partial)],
            [ANOMALY.incompleteOrder, firstExamples(incomplete)],
          ].filter(([, v]) => (v as unknown[]).length),
        ),
        stats: {
          orders: writes.length,
          succeeded: ok,
          failed,
          unknown,
          partialOrders: partial.length,
          leftCommitted,
          leftCommittedByParticipant: perParticipant,
          cleanFailures: failed - partial.length,
        },
      };
    },
  };
}
