// The consistency validation job's results:
//   drift-left        rows still different between the source of truth and the copy at the
//                     end (the drift store, read after quiescence)
//   invented-repair   a repair that wrote a row the source does not hold, or with values
//                     other than the source's
//   unrepaired-drift  an order whose copy write was skipped (the injected drift) that no
//                     repair wrote
//   spurious-repair   a repair of a row whose copy write had succeeded, or a second repair of
//                     one row: the job raced the writer
// The injected drift is what the writer told the client ({copy: skipped}); a copy write that
// failed may or may not have landed and is judged neither way. Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { RunEvent } from '../../../main/engine/events';
import type { CheckResult } from '../../../main/engine/checks';
import { pairWithPositions } from '../../../main/engine/checks/history-views';
import { firstExamples } from '../../../main/engine/checks/compose';
import { requireAudit, type ReconAudit } from '../audit';
import { ANOMALY } from '../names';

type Sample = Extract<RunEvent, { type: 'sample' }>;

/** The drift store over time: its peak, and since when it has been 0 (null if not at the end). */
export function driftSeries(
  events: readonly RunEvent[],
  store: string,
): { peak: number; peakAt: number | null; zeroSince: number | null; samples: number } {
  const s = events.filter((e): e is Sample => e.type === 'sample' && e.store === store && e.rows !== null);
  let peak = 0;
  let peakAt: number | null = null;
  let zeroSince: number | null = null;
  for (const x of s) {
    if (x.rows! > peak) {
      peak = x.rows!;
      peakAt = x.t;
    }
    if (x.rows === 0) zeroSince ??= x.t;
    else zeroSince = null;
  }
  return { peak, peakAt, zeroSince, samples: s.length };
}

export function driftToZero(o: { driftStore: string }): Checker {
  return {
    name: 'drift-to-zero',
    check(input: CheckInput): CheckResult {
      const d = input.finalStores.find((s) => s.name === o.driftStore);
      if (!d || !d.available) throw new Error(`the ${o.driftStore} store could not be read at the end`);
      const series = driftSeries(input.events, o.driftStore);
      return {
        name: 'drift-to-zero',
        valid: d.rows > 0 ? false : true,
        summary:
          `drift peaked at ${series.peak} rows` +
          (series.peakAt !== null ? ` (${(series.peakAt / 1000).toFixed(1)} s)` : '') +
          `; ${d.rows} rows differ at the end` +
          (d.rows === 0 && series.zeroSince !== null
            ? `, 0 since ${(series.zeroSince / 1000).toFixed(1)} s`
            : ''),
        anomalies: { [ANOMALY.driftLeft]: d.rows },
        examples: d.rows ? { [ANOMALY.driftLeft]: firstExamples(d.ids) } : {},
        stats: { ...series, finalDrift: d.rows },
      };
    },
  };
}

/** Orders the writer acknowledged, by what it said of the copy. */
export function copyOutcomes(input: CheckInput, addF: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const p of pairWithPositions(input.history)) {
    if (p.invoke.f !== addF || p.complete?.type !== 'ok') continue;
    const v = p.complete.value as { id?: unknown; copy?: unknown } | undefined;
    if (typeof v?.id === 'string') m.set(v.id, typeof v.copy === 'string' ? v.copy : 'unknown');
  }
  return m;
}

export function repairsFromSource(o: { addF?: string; auditF?: string } = {}): Checker {
  const addF = o.addF ?? 'add';
  return {
    name: 'repairs',
    check(input: CheckInput): CheckResult {
      const { audit } = requireAudit<ReconAudit>(input.history, o.auditF ?? 'audit-recon');
      const source = new Map(audit.source.map((r) => [r.id, r]));
      const invented = audit.repairs.filter((r) => {
        const s = source.get(r.id);
        return (
          !s ||
          r.row.id !== s.id ||
          (r.row.user ?? null) !== (s.user ?? null) ||
          r.row.product !== s.product ||
          r.row.qty !== s.qty ||
          r.row.amount !== s.amount
        );
      });
      const copies = copyOutcomes(input, addF);
      const injected = [...copies].filter(([, c]) => c === 'skipped').map(([id]) => id);
      const uncertain = new Set(
        [...copies].filter(([, c]) => c !== 'skipped' && c !== 'written').map(([id]) => id),
      );
      const repairedTimes = new Map<string, number>();
      for (const r of audit.repairs) repairedTimes.set(r.id, (repairedTimes.get(r.id) ?? 0) + 1);
      const unrepaired = injected.filter((id) => !repairedTimes.has(id));
      const spurious: { id: string; why: string }[] = [];
      for (const [id, n] of repairedTimes) {
        if (copies.get(id) === 'written') spurious.push({ id, why: 'its copy write had succeeded' });
        if (n > 1) spurious.push({ id, why: `repaired ${n} times` });
      }
      const bad = invented.length + unrepaired.length + spurious.length;
      return {
        name: 'repairs',
        valid: bad > 0 ? false : true,
        summary:
          `${copies.size} orders acknowledged, ${injected.length} copy writes skipped (injected drift)` +
          (uncertain.size ? `, ${uncertain.size} uncertain` : '') +
          `; ${audit.repairs.length} repairs in ${audit.passes.length} passes: ${invented.length} invented, ` +
          `${unrepaired.length} drifted rows never repaired, ${spurious.length} spurious`,
        anomalies: {
          [ANOMALY.inventedRepair]: invented.length,
          [ANOMALY.unrepairedDrift]: unrepaired.length,
          [ANOMALY.spuriousRepair]: spurious.length,
        },
        examples: Object.fromEntries(
          [
            [ANOMALY.inventedRepair, firstExamples(invented)],
            [ANOMALY.unrepairedDrift, firstExamples(unrepaired)],
            [ANOMALY.spuriousRepair, firstExamples(spurious)],
          ].filter(([, v]) => (v as unknown[]).length),
        ),
        stats: {
          acknowledged: copies.size,
          injectedDrift: injected.length,
          uncertain: uncertain.size,
          repairs: audit.repairs.length,
          repairedRows: repairedTimes.size,
          passes: audit.passes.length,
          sourceRows: audit.source.length,
          copyRows: audit.copy.length,
        },
      };
    },
  };
}
