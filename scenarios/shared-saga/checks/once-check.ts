// No saga run twice: each (service, saga, step) applied at most once. Evidence, any of:
//   the participant's applied_steps row counts more than one application (times > 1);
//   more than one effect row for a saga: reservations, charges, shipments, 'created' events;
//   the saga log holding the same step and phase twice; a saga id twice in the log.
// step-applied-twice counts the (service, saga, step) that were applied more than once.
// Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { CheckResult } from '../../../main/engine/checks';
import { firstExamples } from '../../../main/engine/checks/compose';
import { requireAudit, type SagaAudit } from '../audit';
import { ANOMALY } from '../names';

function countBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}

export function sagaOnce(): Checker {
  return {
    name: 'saga-once',
    check(input: CheckInput): CheckResult {
      const { audit } = requireAudit<SagaAudit>(input.history);
      const twice = new Map<string, { service: string; saga: string; step: string; evidence: string[] }>();
      const note = (service: string, saga: string, step: string, evidence: string) => {
        const k = `${service}|${saga}|${step}`;
        const e = twice.get(k) ?? { service, saga, step, evidence: [] };
        e.evidence.push(evidence);
        twice.set(k, e);
      };
      for (const a of audit.applied)
        if (a.times > 1) note(a.service, a.sagaId, a.step, `applied ${a.times} times`);
      const effects: [string, string, Map<string, number>][] = [
        ['inventory', 'reserve', countBy(audit.reservations, (r) => r.sagaId)],
        ['payment', 'charge', countBy(audit.charges, (c) => c.sagaId)],
        ['shipping', 'ship', countBy(audit.shipments, (s) => s.sagaId)],
        [
          'order',
          'create-order',
          countBy(
            audit.orderEvents.filter((e) => e.event === 'created'),
            (e) => e.orderId,
          ),
        ],
      ];
      for (const [service, step, m] of effects)
        for (const [saga, n] of m) if (n > 1) note(service, saga, step, `${n} effect rows`);
      for (const [k, n] of countBy(audit.log, (l) => `${l.sagaId}|${l.step}|${l.phase}`)) {
        if (n > 1) {
          const [saga, step, phase] = k.split('|');
          note('orchestrator', saga, `${step} (${phase})`, `logged ${n} times`);
        }
      }
      for (const [saga, n] of countBy(audit.sagas, (s) => s.id))
        if (n > 1) note('orchestrator', saga, 'saga', `${n} sagas with this id`);
      const list = [...twice.values()];
      const replays = audit.applied.length;
      return {
        name: 'saga-once',
        valid: list.length ? false : true,
        summary: `${replays} (saga, step) applications recorded by the participants, ${audit.log.length} saga log entries: ${list.length} applied more than once`,
        anomalies: { [ANOMALY.stepAppliedTwice]: list.length },
        examples: list.length ? { [ANOMALY.stepAppliedTwice]: firstExamples(list) } : {},
        stats: { applications: replays, logEntries: audit.log.length },
      };
    },
  };
}
