// Acknowledged but never applied anywhere: the broker acknowledged the event (the user got
// 201), yet no instance ever consumed it. With acks=1 a leader that dies before its
// followers copied an event takes it with it.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult, Validity } from '../../main/engine/checks/verdict';
import { firstExamples } from '../../main/engine/checks/compose';
import { writesOf } from '../../main/engine/checks/history-views';
import { logStores } from './stores';
import { ackedPositions } from './acks';

export interface LostEvent {
  id: string;
  user: string;
  ackedAt?: number;
  servedBy?: string;
  partition?: number;
  offset?: string;
}

export function lostEvents(addF = 'add'): Checker {
  return {
    name: 'lost-events',
    check(input: CheckInput): CheckResult {
      const acked = writesOf(input.history, addF).filter((w) => w.outcome === 'ok');
      const logs = logStores(input.finalStores);
      const unreadable = logs.filter((s) => !s.available).map((s) => s.name);
      const applied = new Set(logs.filter((s) => s.available).flatMap((s) => s.ids));
      const where = ackedPositions(input.history, addF);
      const lost: LostEvent[] = acked
        .filter((w) => !applied.has(w.id))
        .map((w) => ({
          id: w.id,
          user: w.process,
          ackedAt: w.completedAt,
          servedBy: w.node,
          ...where.get(w.id),
        }));
      let valid: Validity = lost.length > 0 ? false : true;
      if (logs.length === 0 || (lost.length > 0 && unreadable.length > 0)) valid = 'unknown';
      let summary =
        lost.length === 0
          ? `every one of ${acked.length} acknowledged events was applied by at least one instance`
          : `${lost.length} of ${acked.length} acknowledged events were never applied by any instance`;
      if (unreadable.length) summary += `; ${unreadable.join(', ')} could not be read`;
      return {
        name: 'lost-events',
        valid,
        summary,
        anomalies: { 'lost-event': lost.length },
        examples: lost.length ? { 'lost-event': firstExamples(lost) } : {},
        stats: { acknowledged: acked.length, lost: lost.length, lostIds: lost.map((l) => l.id), unreadable },
      };
    },
  };
}
