// Informative: how the instances fared while the shared database was down. For every outage
// of the database container (killed, stopped, paused or cut off, by the lab, the user or
// someone outside), the ops in flight at any moment of it are grouped by the instance that
// answered them; the share that did not succeed (fail + info) is reported per instance, next
// to the same share outside the outages. A business answer such as "sold out" is a definite
// fail but not unavailability: such rejections are counted apart and never as failed.
// Never invalid. Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { Op } from '../../main/engine/history';
import type { CheckResult } from '../../main/engine/checks';
import type { FaultKind } from '../../main/engine/events';
import { pairOps } from '../../main/engine/history';
import { pairFaults } from '../../main/engine/reports/fault-intervals';
import { overlapsAny } from '../../main/engine/checks/windows';

export interface AvailabilityOptions {
  /** The database container's name. */
  target: string;
  /** A failed op the service answered on purpose (e.g. HTTP 409 sold out): it was available. */
  isRejection?(op: Op): boolean;
}

export interface OutcomeCounts {
  ops: number;
  ok: number;
  /** Definite fails that were the service's own answer (sold out...): available, not failed. */
  rejected: number;
  fail: number;
  info: number;
  /** (fail + info) / ops, rounded to 3 decimals; null without ops. */
  failedShare: number | null;
}

/** Who answered an op that no instance answered (HAProxy itself, or nothing at all). */
export const NO_INSTANCE = '(no instance)';

const OUTAGE_KINDS = new Set<FaultKind>(['kill', 'stop', 'pause', 'partition', 'point']);

function empty(): OutcomeCounts {
  return { ops: 0, ok: 0, rejected: 0, fail: 0, info: 0, failedShare: null };
}

function finish(c: Record<string, OutcomeCounts>): Record<string, OutcomeCounts> {
  for (const v of Object.values(c))
    v.failedShare = v.ops ? Math.round((1000 * (v.fail + v.info)) / v.ops) / 1000 : null;
  return c;
}

const pct = (c: OutcomeCounts) =>
  `${c.fail + c.info}/${c.ops}${c.ops ? ` (${Math.round((100 * (c.fail + c.info)) / c.ops)}%)` : ''}`;

export function availability(o: AvailabilityOptions): Checker {
  return {
    name: 'availability',
    check(input: CheckInput): CheckResult {
      const end = Math.max(
        input.events.reduce((m, e) => Math.max(m, e.t), 0),
        input.history.reduce((m, op) => Math.max(m, op.time), 0),
      );
      // A SIGKILLed database is gone as soon as the kill is sent; Docker reports it applied
      // only after cleaning up. A kill's outage runs from its request (when there is one), any
      // other from when it applied, until the database is back and ready (the heal's 'applied').
      const requestedAt = new Map<string, number>();
      for (const e of input.events)
        if (e.type === 'fault' && e.state === 'requested') requestedAt.set(e.id, e.t);
      const outages = pairFaults(input.events)
        .filter((f) => f.target === o.target && OUTAGE_KINDS.has(f.kind))
        .map((f) => ({
          kind: f.kind,
          source: f.source,
          from: f.kind === 'kill' ? Math.min(f.at, requestedAt.get(f.id) ?? f.at) : f.at,
          to: f.until ?? end,
          healed: f.until !== null,
        }));
      const inOutageAt = overlapsAny(outages);
      const during: Record<string, OutcomeCounts> = {};
      const outside: Record<string, OutcomeCounts> = {};
      for (const p of pairOps(input.history)) {
        const c = p.complete;
        if (!c || c.type === 'invoke') continue;
        const from = p.invoke.time;
        const inOutage = inOutageAt(from, c.time);
        const node = c.node ?? p.invoke.node ?? NO_INSTANCE;
        const into = inOutage ? during : outside;
        const counts = (into[node] ??= empty());
        counts.ops++;
        if (c.type === 'fail' && o.isRejection?.(c)) counts.rejected++;
        else counts[c.type]++;
      }
      finish(during);
      finish(outside);
      const downMs = outages.reduce((s, w) => s + (w.to - w.from), 0);
      const outsideAll = Object.values(outside).reduce(
        (a, c) => ({
          ...a,
          ops: a.ops + c.ops,
          ok: a.ok + c.ok,
          rejected: a.rejected + c.rejected,
          fail: a.fail + c.fail,
          info: a.info + c.info,
        }),
        empty(),
      );
      const nodes = Object.keys(during).sort();
      const summary =
        outages.length === 0
          ? `${o.target} was never down; ${pct(outsideAll)} ops did not succeed`
          : `${o.target} down ${outages.length} time${outages.length > 1 ? 's' : ''} for ${(downMs / 1000).toFixed(1)} s; ops in flight meanwhile that did not succeed: ` +
            (nodes.length ? nodes.map((n) => `${n} ${pct(during[n])}`).join(', ') : 'none were sent') +
            `; outside the outage: ${pct(outsideAll)}`;
      return {
        name: 'availability',
        valid: true,
        summary,
        anomalies: {},
        examples: {},
        stats: {
          target: o.target,
          outages,
          downMs,
          during,
          outside,
          failedShareDuring: Object.fromEntries(nodes.map((n) => [n, during[n].failedShare])),
        },
      };
    },
  };
}
