// Pairs each applied fault with the event that healed it: kill/stop/point -> start|restart,
// pause -> unpause, partition and network faults (latency, bandwidth, timeout, reset) -> heal, or a 'healed' state of the same fault id.
// A restart with nothing to heal is a fault of its own (down from request to applied).
import type { FaultKind, FaultSource, RunEvent } from '../events';
import { FAULT_HEALS, FAULT_OPENS } from '../events';

export interface ReportFault {
  id: string;
  kind: FaultKind;
  target: string;
  peer?: string;
  /** When it took effect (ms since the run started). */
  at: number;
  /** When it was healed; null if it never was. */
  until: number | null;
  source: FaultSource;
  /** Who healed it, when it was healed. */
  healedBy?: FaultSource;
}

type FaultEvent = Extract<RunEvent, { type: 'fault' }>;

const HEALS = FAULT_HEALS;
const OPENS = FAULT_OPENS;
/** Kinds that leave the target in the same state: a second one while the first is open adds nothing. */
const SAME_STATE: Partial<Record<FaultKind, FaultKind[]>> = {
  kill: ['kill', 'stop', 'point'],
  stop: ['kill', 'stop', 'point'],
  point: ['kill', 'stop', 'point'],
};

export function pairFaults(events: readonly RunEvent[]): ReportFault[] {
  const out: ReportFault[] = [];
  const open: ReportFault[] = [];
  const requestedAt = new Map<string, number>();
  const close = (f: ReportFault, t: number, by: FaultSource) => {
    f.until = t;
    f.healedBy = by;
    open.splice(open.indexOf(f), 1);
  };
  for (const ev of events) {
    if (ev.type !== 'fault') continue;
    const e: FaultEvent = ev;
    const { kind, target, peer } = e.request;
    if (e.state === 'requested') {
      requestedAt.set(e.id, e.t);
      continue;
    }
    if (e.state === 'healed') {
      const f = open.find((x) => x.id === e.id);
      if (f) close(f, e.t, e.source);
      continue;
    }
    if (e.state !== 'applied') continue;
    const heals = HEALS[kind];
    if (heals) {
      const f = open.find(
        (x) =>
          x.target === target &&
          heals.includes(x.kind) &&
          (kind !== 'heal' || !peer || !x.peer || x.peer === peer),
      );
      if (f) {
        close(f, e.t, e.source);
        continue;
      }
      if (kind === 'restart') {
        const from = requestedAt.get(e.id) ?? e.t - (e.tookMs ?? 0);
        out.push({ id: e.id, kind, target, at: from, until: e.t, source: e.source, healedBy: e.source });
      }
      continue;
    }
    if (!OPENS.has(kind)) continue;
    const same = SAME_STATE[kind] ?? [kind];
    if (open.some((x) => x.target === target && same.includes(x.kind) && x.peer === peer)) continue;
    const f: ReportFault = { id: e.id, kind, target, at: e.t, until: null, source: e.source };
    if (peer !== undefined) f.peer = peer;
    out.push(f);
    open.push(f);
  }
  return out;
}

/** A short label for charts and tables: "kill order-2", "partition order-1 / kafka". */
export function faultLabel(f: Pick<ReportFault, 'kind' | 'target' | 'peer'>): string {
  return f.peer ? `${f.kind} ${f.target} / ${f.peer}` : `${f.kind} ${f.target}`;
}
