// Every saga ends, and none is lost:
//   saga-lost          a saga the orchestrator acknowledged (202) that its log does not hold
//   saga-not-terminal  a saga still running or compensating when the audit stopped waiting
//   saga-late          sagas not yet terminal `boundMs` after the last fault ended, or after
//                      the last saga was started if that came later (named from the probe
//                      samples of the running/compensating stores; 1 when the samples cannot
//                      name them but the audit saw the end later than the bound)
// Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { RunEvent } from '../../../main/engine/events';
import type { CheckResult } from '../../../main/engine/checks';
import { writesOf, lastFaultEnd } from '../../../main/engine/checks';
import { firstExamples } from '../../../main/engine/checks/compose';
import { requireAudit, type SagaAudit } from '../audit';
import { ANOMALY, STORE, TERMINAL_STATES } from '../names';

export interface TerminalOptions {
  startF?: string;
  /** The bound after the last fault ended. */
  boundMs(params: CheckInput['params']): number;
}

type Sample = Extract<RunEvent, { type: 'sample' }>;

/** Saga ids the first complete pair of running/compensating samples at or after `t` shows. */
export function openSagasAt(events: readonly RunEvent[], t: number): string[] | null {
  const stores = [STORE.sagas('running'), STORE.sagas('compensating')];
  const firstAfter = stores.map(
    (s) =>
      events.find((e): e is Sample => e.type === 'sample' && e.store === s && e.t >= t && e.rows !== null) ??
      null,
  );
  if (firstAfter.some((x) => x === null)) return null;
  return [...new Set(firstAfter.flatMap((x) => x!.ids ?? []))].sort();
}

export function sagasTerminal(o: TerminalOptions): Checker {
  const startF = o.startF ?? 'start';
  return {
    name: 'sagas-terminal',
    check(input: CheckInput): CheckResult {
      const { audit, invokedAt } = requireAudit<SagaAudit>(input.history);
      const bound = o.boundMs(input.params);
      const inLog = new Set(audit.sagas.map((s) => s.id));
      const starts = writesOf(input.history, startF);
      const acked = starts.filter((w) => w.outcome === 'ok');
      const lost = acked
        .filter((w) => !inLog.has(w.id))
        .map((w) => ({ saga: w.id, acknowledgedAt: w.completedAt }));
      const open = audit.sagas.filter((s) => !TERMINAL_STATES.has(s.state));
      const faultEnd = lastFaultEnd(input.events);
      const settledAt = audit.settled ? invokedAt + audit.waitedMs : null;
      const lastStart = starts.reduce((m, w) => Math.max(m, w.completedAt ?? w.invokedAt), 0);
      const from = Math.max(faultEnd ?? 0, lastStart);
      const fromWhat =
        faultEnd !== null && faultEnd >= lastStart ? 'the last fault ended' : 'the last saga started';
      let late: unknown[] = [];
      if (settledAt === null || settledAt - from > bound) {
        const ids = openSagasAt(input.events, from + bound);
        late =
          ids && ids.length
            ? ids.map((saga) => ({ saga, boundMs: bound }))
            : [{ settledAt, faultEnd, boundMs: bound }];
      }
      const anomalies = {
        [ANOMALY.sagaLost]: lost.length,
        [ANOMALY.sagaNotTerminal]: open.length,
        [ANOMALY.sagaLate]: late.length,
      };
      const byState: Record<string, number> = {};
      for (const s of audit.sagas) byState[s.state] = (byState[s.state] ?? 0) + 1;
      const resumed = audit.sagas.filter((s) => s.resumed > 0).length;
      const bad = lost.length + open.length + late.length;
      const after = settledAt === null ? null : Math.max(0, settledAt - from);
      return {
        name: 'sagas-terminal',
        valid: bad > 0 ? false : true,
        summary:
          `${starts.length} sagas started, ${acked.length} acknowledged, ${audit.sagas.length} in the saga log ` +
          `(${
            Object.entries(byState)
              .map(([k, v]) => `${v} ${k}`)
              .join(', ') || 'none'
          }); ${resumed} resumed after a restart; ` +
          (after === null
            ? `not all terminal after waiting ${audit.waitedMs} ms`
            : `all terminal ${after} ms after ${fromWhat} (bound ${bound} ms)`),
        anomalies,
        examples: Object.fromEntries(
          [
            [ANOMALY.sagaLost, firstExamples(lost)],
            [
              ANOMALY.sagaNotTerminal,
              firstExamples(open.map((s) => ({ saga: s.id, state: s.state, next: s.next }))),
            ],
            [ANOMALY.sagaLate, firstExamples(late)],
          ].filter(([, v]) => (v as unknown[]).length),
        ),
        stats: {
          started: starts.length,
          acknowledged: acked.length,
          failedToStart: starts.filter((w) => w.outcome === 'fail').length,
          unknownStart: starts.filter((w) => w.outcome === 'info' || w.outcome === 'pending').length,
          inLog: audit.sagas.length,
          byState,
          resumed,
          lastFaultEndAt: faultEnd,
          lastStartAt: lastStart,
          allTerminalAt: settledAt,
          terminalAfterFaultMs: after,
          boundMs: bound,
        },
      };
    },
  };
}
