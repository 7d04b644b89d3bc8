// What the two readers saw, against the product service's outage or slowness (from the run's
// fault events: kill/stop to start, or a network fault such as latency to its heal):
//   composition-error       composed reads that failed (the synchronous call to the product
//                           service could not be made); the price of API composition
//   read-model-unavailable  read-model reads that failed after its first answer: must be 0
// Stats: errors and latency of each reader while the product service was down and while
// it was up, and the read model's staleness samples in seconds ({t, s}), max while down.
// Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult } from '../../main/engine/checks';
import { pairWithPositions } from '../../main/engine/checks/history-views';
import { firstExamples } from '../../main/engine/checks/compose';
import { overlapsAny } from '../../main/engine/checks/windows';
import { ANOMALY, PRODUCT } from './names';
import { NETWORK_FAULT_KINDS } from '../../main/engine/events';

export interface Window {
  from: number;
  to: number;
}

const NETWORK = new Set<string>(NETWORK_FAULT_KINDS);

/**
 * When the product service was certainly down (kill/stop to start) or slow (a network fault to
 * its heal), to the end if never healed: from the fault's 'applied' to the moment its start or
 * heal was requested (a read made while the heal was under way may already be answered fast).
 */
export function outages(input: CheckInput): Window[] {
  const out: Window[] = [];
  const requestedAt = new Map<string, number>();
  let open: { t: number; closedBy: string } | null = null;
  for (const e of input.events) {
    if (e.type !== 'fault' || e.request.target !== PRODUCT) continue;
    if (e.state === 'requested') requestedAt.set(e.id, e.t);
    if (e.state !== 'applied') continue;
    const k = e.request.kind;
    if (open === null && (k === 'kill' || k === 'stop')) open = { t: e.t, closedBy: 'start' };
    else if (open === null && NETWORK.has(k)) open = { t: e.t, closedBy: 'heal' };
    else if (open !== null && k === open.closedBy) {
      out.push({ from: open.t, to: Math.max(open.t, requestedAt.get(e.id) ?? e.t) });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open.t, to: Number.MAX_SAFE_INTEGER });
  return out;
}

/** 'slow' when the product service's first fault was a network one, else 'down'. */
function faultWord(input: CheckInput): 'down' | 'slow' {
  const first = input.events.find(
    (e) => e.type === 'fault' && e.request.target === PRODUCT && e.state === 'applied',
  );
  return first?.type === 'fault' && NETWORK.has(first.request.kind) ? 'slow' : 'down';
}

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

const pct = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
    : null;

export function compositionVsCqrs(): Checker {
  return {
    name: 'composition-vs-cqrs',
    check(input: CheckInput): CheckResult {
      const down = outages(input);
      const word = faultWord(input);
      const downAt = overlapsAny(down);
      const isDown = (t: number) => downAt(t, t);
      const pairs = pairWithPositions(input.history).filter((p) => p.complete);
      const reads = (f: string) =>
        pairs
          .filter((p) => p.invoke.f === f)
          .map((p) => ({
            t: p.invoke.time,
            ok: p.complete!.type === 'ok',
            error: p.complete!.error,
            value: rec(p.complete!.value),
            down: isDown(p.invoke.time),
          }));
      const composed = reads('composed');
      const cqrs = reads('cqrs');
      const firstCqrsOk = cqrs.find((r) => r.ok)?.t ?? Number.MAX_SAFE_INTEGER;
      const compErrors = composed.filter((r) => !r.ok);
      const cqrsErrors = cqrs.filter((r) => !r.ok && r.t > firstCqrsOk);
      const staleness = cqrs
        .filter((r) => r.ok && typeof r.value.stalenessMs === 'number')
        .map((r) => ({ t: r.t, s: Math.round((r.value.stalenessMs as number) / 100) / 10, down: r.down }));
      const maxS = (xs: { s: number }[]) =>
        xs.length ? xs.reduce((m, x) => Math.max(m, x.s), -Infinity) : null;
      const lat = (xs: { value: Record<string, unknown> }[]) =>
        xs.map((x) => x.value.latencyMs).filter((x): x is number => typeof x === 'number');
      const side = (xs: typeof composed, d: boolean) => {
        const w = xs.filter((x) => x.down === d);
        return {
          reads: w.length,
          errors: w.filter((x) => !x.ok).length,
          p50LatencyMs: pct(lat(w), 50),
          p99LatencyMs: pct(lat(w), 99),
        };
      };
      const compDown = side(composed, true);
      const staleDown = maxS(staleness.filter((x) => x.down));
      const staleUp = maxS(staleness.filter((x) => !x.down));
      const firstDown = down.length ? down[0].from : Number.MAX_SAFE_INTEGER;
      const staleBefore = maxS(staleness.filter((x) => x.t < firstDown));
      return {
        name: 'composition-vs-cqrs',
        valid: compErrors.length + cqrsErrors.length > 0 ? false : true,
        summary:
          `API composition: ${compErrors.length} of ${composed.length} reads failed ` +
          `(${compDown.errors} of ${compDown.reads} while the product service was ${word}` +
          `${compDown.p50LatencyMs !== null ? `, p50 ${compDown.p50LatencyMs} ms against ${side(composed, false).p50LatencyMs ?? '-'} ms otherwise` : ''}); ` +
          `read model: ${cqrsErrors.length} of ${cqrs.length} failed, staleness up to ${staleDown ?? '-'} s while ${word}, ` +
          `${staleBefore ?? '-'} s before the fault, ${staleUp ?? '-'} s while up (recovery included)`,
        anomalies: {
          [ANOMALY.compositionError]: compErrors.length,
          [ANOMALY.readModelUnavailable]: cqrsErrors.length,
        },
        examples: Object.fromEntries(
          [
            [ANOMALY.compositionError, firstExamples(compErrors.map((r) => ({ t: r.t, error: r.error })))],
            [
              ANOMALY.readModelUnavailable,
              firstExamples(cqrsErrors.map((r) => ({ t: r.t, error: r.error }))),
            ],
          ].filter(([, v]) => (v as unknown[]).length),
        ),
        stats: {
          fault: word,
          outages: down.map((w) => ({ from: w.from, to: w.to === Number.MAX_SAFE_INTEGER ? null : w.to })),
          composition: { down: compDown, up: side(composed, false) },
          readModel: { down: side(cqrs, true), up: side(cqrs, false) },
          maxStalenessDownS: staleDown,
          maxStalenessUpS: staleUp,
          maxStalenessBeforeFaultS: staleBefore,
          stalenessSamples: staleness.map(({ t, s }) => ({ t, s })),
        },
      };
    },
  };
}
