// Test oracle: the generic checkers as they were before they were made linear (commit
// 1b1a022), kept verbatim apart from names, so tests can pin that the fast versions give the
// same results: same counts, same examples, same summaries and stats. Quadratic in places, so
// for small inputs only. Used only by tests.
import type { History, Op } from '../history';
import type { Checker, CheckInput } from '../scenario';
import type { RunEvent, StoreSnapshot } from '../events';
import type { CheckResult, Validity } from './verdict';
import { firstExamples } from './compose';
import { idOf, idsOf } from './op-values';
import { describeStore, isGauge, rowSamples, rowStores } from './store-kinds';

type WriteOutcome = 'ok' | 'fail' | 'info' | 'pending';

interface WriteRecord {
  id: string;
  process: string;
  outcome: WriteOutcome;
  invokedAt: number;
  /** Completion time; undefined while pending. */
  completedAt?: number;
  /** Position of the invocation and of the completion in the history array. */
  invokePos: number;
  completePos?: number;
  /** Which container served it, when known. */
  node?: string;
  error?: string;
}

interface ReadRecord {
  process: string;
  ids: string[];
  invokedAt: number;
  completedAt: number;
  invokePos: number;
  completePos: number;
  /** The op's own index when the recorder assigned one, else its position. */
  index: number;
  node?: string;
}

/** An acknowledged write and the time its `ok` arrived. */
interface AckedWrite {
  id: string;
  t: number;
}

interface Pair {
  invoke: Op;
  invokePos: number;
  complete?: Op;
  completePos?: number;
}

/** Pairs each invoke with the next completion of the same process, keeping positions. */
function pairWithPositions(history: History): Pair[] {
  const open = new Map<string, Pair>();
  const pairs: Pair[] = [];
  history.forEach((op, pos) => {
    if (op.type === 'invoke') {
      const p: Pair = { invoke: op, invokePos: pos };
      open.set(op.process, p);
      pairs.push(p);
      return;
    }
    const p = open.get(op.process);
    if (p) {
      p.complete = op;
      p.completePos = pos;
      open.delete(op.process);
    }
  });
  return pairs;
}

/** Every invoked write of function `addF` whose id can be read, with its outcome. */
function writesOf(history: History, addF: string): WriteRecord[] {
  const out: WriteRecord[] = [];
  for (const p of pairWithPositions(history)) {
    if (p.invoke.f !== addF) continue;
    const id = idOf(p.complete?.value) ?? idOf(p.invoke.value);
    if (id === undefined) continue;
    const c = p.complete;
    out.push({
      id,
      process: p.invoke.process,
      outcome: c ? (c.type === 'invoke' ? 'pending' : c.type) : 'pending',
      invokedAt: p.invoke.time,
      completedAt: c?.time,
      invokePos: p.invokePos,
      completePos: p.completePos,
      node: c?.node ?? p.invoke.node,
      error: c?.error,
    });
  }
  return out;
}

/** Writes acknowledged with `ok`, in the order they were acknowledged. */
function ackedWrites(history: History, addF = 'add'): AckedWrite[] {
  return writesOf(history, addF)
    .filter((w) => w.outcome === 'ok')
    .map((w) => ({ id: w.id, t: w.completedAt ?? w.invokedAt }))
    .sort((a, b) => a.t - b.t);
}

/** Reads of function `readF` that completed `ok` with a list of ids. */
function okReads(history: History, readF: string): ReadRecord[] {
  const out: ReadRecord[] = [];
  for (const p of pairWithPositions(history)) {
    if (p.invoke.f !== readF || p.complete?.type !== 'ok' || p.completePos === undefined) continue;
    const ids = idsOf(p.complete.value);
    if (!ids) continue;
    out.push({
      process: p.invoke.process,
      ids,
      invokedAt: p.invoke.time,
      completedAt: p.complete.time,
      invokePos: p.invokePos,
      completePos: p.completePos,
      index: p.complete.index ?? p.completePos,
      node: p.complete.node ?? p.invoke.node,
    });
  }
  return out;
}

interface ReadYourWritesOptions {
  addF?: string;
  readF?: string;
}

interface SessionViolation {
  readIndex: number;
  process: string;
  /** When the read completed (ms since the run started). */
  time: number;
  invokedAt: number;
  missing: string[];
  servedBy?: string;
}

function missingFrom(read: ReadRecord, expected: Iterable<string>): string[] {
  const got = new Set(read.ids);
  const missing: string[] = [];
  for (const id of expected) if (!got.has(id)) missing.push(id);
  return missing;
}

function violation(read: ReadRecord, missing: string[]): SessionViolation {
  return {
    readIndex: read.index,
    process: read.process,
    time: read.completedAt,
    invokedAt: read.invokedAt,
    missing,
    servedBy: read.node,
  };
}

/** Finds both kinds of violation for one process's reads and acknowledged writes. */
function checkProcess(reads: ReadRecord[], acked: WriteRecord[]) {
  const ryw: SessionViolation[] = [];
  const mono: SessionViolation[] = [];
  const seenBefore = new Set<string>();
  for (const read of reads) {
    // Acknowledged before the read was invoked: the ok sits earlier in the history.
    const expected = acked.filter((w) => (w.completePos ?? Infinity) < read.invokePos).map((w) => w.id);
    const missingOwn = missingFrom(read, expected);
    if (missingOwn.length > 0) ryw.push(violation(read, missingOwn));
    const missingSeen = missingFrom(read, seenBefore);
    if (missingSeen.length > 0) mono.push(violation(read, missingSeen));
    for (const id of read.ids) seenBefore.add(id);
  }
  return { ryw, mono };
}

function readYourWrites(opts: ReadYourWritesOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  const readF = opts.readF ?? 'list';
  return {
    name: 'read-your-writes',
    check(input: CheckInput): CheckResult {
      const reads = okReads(input.history, readF);
      const acked = writesOf(input.history, addF).filter((w) => w.outcome === 'ok');
      const processes = [...new Set(reads.map((r) => r.process))];
      const ryw: SessionViolation[] = [];
      const mono: SessionViolation[] = [];
      for (const p of processes) {
        const r = checkProcess(
          reads.filter((x) => x.process === p),
          acked.filter((w) => w.process === p),
        );
        ryw.push(...r.ryw);
        mono.push(...r.mono);
      }
      const byTime = (a: SessionViolation, b: SessionViolation) => a.time - b.time;
      ryw.sort(byTime);
      mono.sort(byTime);

      let summary: string;
      if (reads.length === 0) {
        summary = `no successful ${readF} reads to check`;
      } else if (ryw.length === 0 && mono.length === 0) {
        summary = `all ${reads.length} reads showed the reader's own acknowledged writes, never going backwards`;
      } else {
        const parts: string[] = [];
        if (ryw.length > 0)
          parts.push(`${ryw.length} of ${reads.length} reads missed the reader's own acknowledged writes`);
        if (mono.length > 0) parts.push(`${mono.length} reads missed ids an earlier read had shown`);
        summary = parts.join('; ');
        const first = ryw[0] ?? mono[0];
        summary += ` (first at ${(first.time / 1000).toFixed(1)}s${first.servedBy ? ` via ${first.servedBy}` : ''}, missing ${first.missing.slice(0, 3).join(', ')}${first.missing.length > 3 ? ', ...' : ''})`;
      }

      const examples: Record<string, unknown[]> = {};
      if (ryw.length) examples['read-your-writes'] = firstExamples(ryw);
      if (mono.length) examples['monotonic-read'] = firstExamples(mono);
      return {
        name: 'read-your-writes',
        valid: ryw.length + mono.length > 0 ? false : true,
        summary,
        anomalies: { 'read-your-writes': ryw.length, 'monotonic-read': mono.length },
        examples,
        stats: { reads: reads.length, processes: processes.length },
      };
    },
  };
}

interface SplitDataOptions {
  addF?: string;
}

interface StoreHolding {
  rows: number;
  available: boolean;
  /** Acknowledged ids this store holds, and lacks. */
  acked: number;
  lacking: number;
}

function splitData(opts: SplitDataOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  return {
    name: 'split-data',
    check(input: CheckInput): CheckResult {
      const ackedIds = [...new Set(ackedWrites(input.history, addF).map((w) => w.id))];
      const perStore: Record<string, StoreHolding> = {};
      let best: { name: string; lacks: string[] } | undefined;
      const finalStores = rowStores(input.finalStores);
      for (const s of finalStores) {
        const ids = new Set(s.ids);
        const lacks = s.available ? ackedIds.filter((id) => !ids.has(id)) : ackedIds;
        perStore[s.name] = {
          rows: s.rows,
          available: s.available,
          acked: ackedIds.length - lacks.length,
          lacking: lacks.length,
        };
        if (s.available && (!best || lacks.length < best.lacks.length)) best = { name: s.name, lacks };
      }
      if (!best) {
        return {
          name: 'split-data',
          valid: ackedIds.length === 0 ? true : 'unknown',
          summary:
            ackedIds.length === 0
              ? 'no acknowledged writes and no readable store'
              : `${ackedIds.length} acknowledged writes, but no store could be read at the end`,
          anomalies: { 'split-data': 0 },
          examples: {},
          stats: { perStore, acknowledged: ackedIds.length },
        };
      }
      const anyHeld = new Set(finalStores.filter((s) => s.available).flatMap((s) => s.ids));
      const elsewhere = best.lacks.filter((id) => anyHeld.has(id));
      const counts = Object.entries(perStore)
        .map(([n, h]) => (h.available ? `${n} ${h.acked}` : `${n} unreadable`))
        .join(', ');
      const n = best.lacks.length;
      const summary =
        n === 0
          ? `${best.name} holds all ${ackedIds.length} acknowledged writes (${counts})`
          : `no store holds all ${ackedIds.length} acknowledged writes: the most complete, ${best.name}, lacks ${n}` +
            ` (${counts}; ${elsewhere.length} of the ${n} are held elsewhere)`;
      return {
        name: 'split-data',
        valid: n > 0 ? false : true,
        summary,
        anomalies: { 'split-data': n },
        examples: n
          ? {
              'split-data': firstExamples(best.lacks).map((id) => ({
                id,
                mostComplete: best.name,
                heldElsewhere: anyHeld.has(id),
              })),
            }
          : {},
        stats: {
          perStore,
          acknowledged: ackedIds.length,
          mostComplete: best.name,
          heldElsewhere: elsewhere.length,
        },
      };
    },
  };
}

interface LostWritesOptions {
  addF?: string;
}

/** Where a lost id was last seen before it vanished. */
interface LastSeen {
  store: string;
  t: number;
  /** Which record showed it: a snapshot (e.g. taken right before a kill) or a probe sample. */
  from: 'snapshot' | 'sample';
}

/** For each id, the latest snapshot or sample that showed it in some store. Pure. */
function lastSeenIn(events: readonly RunEvent[], ids: ReadonlySet<string>): Map<string, LastSeen> {
  const seen = new Map<string, LastSeen>();
  const note = (id: string, store: string, t: number, from: LastSeen['from']) => {
    if (!ids.has(id)) return;
    const prev = seen.get(id);
    // Later wins; at the same time a snapshot is preferred to a sample.
    if (!prev || t > prev.t || (t === prev.t && from === 'snapshot' && prev.from === 'sample')) {
      seen.set(id, { store, t, from });
    }
  };
  for (const ev of events) {
    if (ev.type === 'snapshot') {
      for (const s of rowStores(ev.stores))
        if (s.available) for (const id of s.ids) note(id, s.name, ev.t, 'snapshot');
    } else if (ev.type === 'sample' && ev.ids && !isGauge(ev)) {
      for (const id of ev.ids) note(id, ev.store, ev.t, 'sample');
    }
  }
  return seen;
}

function lostWrites(opts: LostWritesOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  return {
    name: 'lost-writes',
    check(input: CheckInput): CheckResult {
      const writes = writesOf(input.history, addF);
      const acked = writes.filter((w) => w.outcome === 'ok');
      const uncertain = writes.filter((w) => w.outcome === 'info' || w.outcome === 'pending');
      const finalStores = rowStores(input.finalStores);
      const held = new Set<string>();
      for (const s of finalStores) if (s.available) for (const id of s.ids) held.add(id);
      const unreadable = finalStores.filter((s) => !s.available).map((s) => s.name);

      const lost = acked.filter((w) => !held.has(w.id));
      const lostIds = new Set(lost.map((w) => w.id));
      const seen = lastSeenIn(input.events, lostIds);
      const uncertainPresent = uncertain.filter((w) => held.has(w.id)).length;

      let valid: Validity = lost.length > 0 ? false : true;
      if (finalStores.length === 0 && acked.length > 0) valid = 'unknown';
      else if (lost.length > 0 && unreadable.length > 0) valid = 'unknown';

      const lastHeldBy: Record<string, LastSeen> = {};
      for (const [id, where] of seen) lastHeldBy[id] = where;

      let summary: string;
      if (finalStores.length === 0) {
        summary = `${acked.length} acknowledged writes, but no store was read at the end`;
      } else if (lost.length === 0) {
        summary = `all ${acked.length} acknowledged writes are in a final store`;
      } else {
        summary = `${lost.length} of ${acked.length} acknowledged writes are in no final store`;
        const whereKnown = lost.filter((w) => seen.has(w.id));
        if (whereKnown.length > 0) {
          const stores = [...new Set(whereKnown.map((w) => seen.get(w.id)!.store))].sort();
          summary += ` (last seen in ${stores.join(', ')})`;
        }
        if (unreadable.length > 0)
          summary += `; ${unreadable.join(', ')} could not be read, so they may survive there`;
      }
      if (uncertain.length > 0) {
        summary += `; ${uncertain.length} with unknown outcome not counted (${uncertainPresent} of them present)`;
      }

      return {
        name: 'lost-writes',
        valid,
        summary,
        anomalies: { 'lost-write': lost.length },
        examples: lost.length
          ? {
              'lost-write': firstExamples(lost).map((w) => ({
                id: w.id,
                process: w.process,
                ackedAt: w.completedAt,
                servedBy: w.node,
                lastSeenIn: seen.get(w.id)?.store,
                lastSeenAt: seen.get(w.id)?.t,
              })),
            }
          : {},
        stats: {
          acknowledged: acked.length,
          lost: lost.length,
          unknownOutcome: uncertain.length,
          unknownOutcomePresent: uncertainPresent,
          unreadableStores: unreadable,
          lastHeldBy,
        },
      };
    },
  };
}

interface DivergencePoint {
  t: number;
  store: string;
  /** Null when the store could not be read at that moment. */
  missing: number | null;
}

function divergenceSeries(
  events: readonly RunEvent[],
  ackedByTime: readonly AckedWrite[],
): DivergencePoint[] {
  const acked = [...ackedByTime].sort((a, b) => a.t - b.t);
  const samples = rowSamples(events)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
  const out: DivergencePoint[] = [];
  let upTo = 0;
  const ackedSoFar = new Set<string>();
  for (const s of samples) {
    while (upTo < acked.length && acked[upTo].t <= s.t) ackedSoFar.add(acked[upTo++].id);
    if (s.rows === null) {
      out.push({ t: s.t, store: s.store, missing: null });
    } else if (s.ids) {
      const have = new Set(s.ids);
      let missing = 0;
      for (const id of ackedSoFar) if (!have.has(id)) missing++;
      out.push({ t: s.t, store: s.store, missing });
    } else {
      out.push({ t: s.t, store: s.store, missing: Math.max(0, ackedSoFar.size - s.rows) });
    }
  }
  return out;
}

interface ConvergenceOptions {
  /** When true, stores that never converged make the check invalid ('not-converged'). */
  requireConvergence?: boolean;
  /** With requireConvergence: converging later than this after the last fault also fails. */
  withinMs?: number;
}

interface ConvergenceInfo {
  /** When the last fault ended: its heal, or the last fault applied when none healed. */
  lastFaultAt: number | null;
  /** Since when the stores have been equal, up to the last sample; null if not equal then. */
  convergedAt: number | null;
  /** convergedAt measured from lastFaultAt (0 if they never diverged after it); null if never. */
  afterLastFaultMs: number | null;
  lastSampleAt: number | null;
  stores: string[];
}

interface StoreState {
  rows: number | null;
  ids?: Set<string>;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function allEqual(states: StoreState[]): boolean {
  if (states.length === 0) return false;
  if (states.some((s) => s.rows === null)) return false;
  const first = states[0];
  if (states.every((s) => s.ids)) return states.every((s) => sameSet(s.ids!, first.ids!));
  return states.every((s) => s.rows === first.rows);
}

/** Final snapshots: equal when every store of rows is readable and holds the same ids. */
function storesEqual(all: readonly StoreSnapshot[]): boolean {
  const stores = rowStores(all);
  if (stores.length === 0 || stores.some((s) => !s.available)) return false;
  return allEqual(stores.map((s) => ({ rows: s.rows, ids: new Set(s.ids) })));
}

/** The end of the last fault: the latest fault event that was applied or healed. */
function lastFaultEnd(events: readonly RunEvent[]): number | null {
  let last: number | null = null;
  for (const ev of events) {
    if (ev.type === 'fault' && (ev.state === 'applied' || ev.state === 'healed')) {
      last = last === null ? ev.t : Math.max(last, ev.t);
    }
  }
  return last;
}

/** Pure: computes convergence from the run's 'sample' and 'fault' events. */
function convergenceOf(events: readonly RunEvent[]): ConvergenceInfo {
  const samples = rowSamples(events)
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
  const stores = [...new Set(samples.map((s) => s.store))].sort();
  const lastFaultAt = lastFaultEnd(events);
  const state = new Map<string, StoreState>();
  let equalSince: number | null = null;
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k];
    state.set(s.store, { rows: s.rows, ids: s.ids ? new Set(s.ids) : undefined });
    // Judge once per instant, after every sample taken at that time is in.
    if (k + 1 < samples.length && samples[k + 1].t === s.t) continue;
    const equal = state.size === stores.length && allEqual([...state.values()]);
    if (!equal) equalSince = null;
    else if (equalSince === null) equalSince = s.t;
  }
  const lastSampleAt = samples.length ? samples[samples.length - 1].t : null;
  const evidenceAfterFault = lastSampleAt !== null && (lastFaultAt === null || lastSampleAt >= lastFaultAt);
  const convergedAt = evidenceAfterFault ? equalSince : null;
  const afterLastFaultMs = convergedAt === null ? null : Math.max(0, convergedAt - (lastFaultAt ?? 0));
  return { lastFaultAt, convergedAt, afterLastFaultMs, lastSampleAt, stores };
}

function convergence(opts: ConvergenceOptions = {}): Checker {
  return {
    name: 'convergence',
    check(input: CheckInput): CheckResult {
      const info = convergenceOf(input.events);
      const finalStoresEqual = rowStores(input.finalStores).length ? storesEqual(input.finalStores) : null;
      const from =
        info.lastFaultAt === null
          ? 'the start'
          : `the last fault ended (${(info.lastFaultAt / 1000).toFixed(1)}s)`;
      let summary: string;
      if (info.lastSampleAt === null) summary = 'no probe samples, convergence not measured';
      else if (info.afterLastFaultMs === null)
        summary = `stores ${info.stores.join(', ')} never converged after ${from}`;
      else summary = `stores converged ${info.afterLastFaultMs} ms after ${from}`;
      if (finalStoresEqual === false) summary += '; final stores differ';

      const stats = { ...info, finalStoresEqual };
      if (!opts.requireConvergence) {
        return { name: 'convergence', valid: true, summary, anomalies: {}, examples: {}, stats };
      }
      const late =
        opts.withinMs !== undefined &&
        info.afterLastFaultMs !== null &&
        info.afterLastFaultMs > opts.withinMs;
      const failed = info.afterLastFaultMs === null || late || finalStoresEqual === false;
      if (info.lastSampleAt === null) {
        return {
          name: 'convergence',
          valid: 'unknown',
          summary,
          anomalies: { 'not-converged': 0 },
          examples: {},
          stats,
        };
      }
      if (late) summary += ` (more than the ${opts.withinMs} ms allowed)`;
      return {
        name: 'convergence',
        valid: failed ? false : true,
        summary,
        anomalies: { 'not-converged': failed ? 1 : 0 },
        examples: failed
          ? {
              'not-converged': [
                {
                  lastFaultAt: info.lastFaultAt,
                  lastSampleAt: info.lastSampleAt,
                  afterLastFaultMs: info.afterLastFaultMs,
                  withinMs: opts.withinMs,
                },
              ],
            }
          : {},
        stats,
      };
    },
  };
}

interface DuplicatesOptions {
  /** Kept for symmetry with the other checkers; ids are read from the stores. */
  addF?: string;
}

interface DuplicateExample {
  store: string;
  id: string;
  copies: number;
}

function duplicates(_opts: DuplicatesOptions = {}): Checker {
  return {
    name: 'duplicates',
    check(input: CheckInput): CheckResult {
      const found: DuplicateExample[] = [];
      const perStore: Record<string, number> = {};
      let extra = 0;
      const finalStores = rowStores(input.finalStores);
      for (const s of finalStores) {
        if (!s.available) continue;
        const counts = new Map<string, number>();
        for (const id of s.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
        let storeExtra = 0;
        for (const [id, copies] of counts) {
          if (copies < 2) continue;
          found.push({ store: s.name, id, copies });
          storeExtra += copies - 1;
        }
        perStore[s.name] = storeExtra;
        extra += storeExtra;
      }
      const unreadable = finalStores.filter((s) => !s.available).map((s) => s.name);
      let summary =
        extra === 0
          ? `no id is held twice in any store`
          : `${extra} extra copies of ${found.length} ids (${[...new Set(found.map((f) => f.store))].join(', ')})`;
      if (unreadable.length) summary += `; ${unreadable.join(', ')} could not be read`;
      return {
        name: 'duplicates',
        valid:
          extra > 0
            ? false
            : unreadable.length > 0 && finalStores.length === unreadable.length
              ? 'unknown'
              : true,
        summary,
        anomalies: { duplicate: extra },
        examples: found.length ? { duplicate: firstExamples(found) } : {},
        stats: { perStore },
      };
    },
  };
}

function storeCounts(): Checker {
  return {
    name: 'store-counts',
    check(input: CheckInput): CheckResult {
      const stores: Record<
        string,
        { rows: number; ids: number; available: boolean; kind?: 'gauge'; unit?: string }
      > = {};
      for (const s of input.finalStores) {
        stores[s.name] = { rows: s.rows, ids: new Set(s.ids).size, available: s.available };
        if (isGauge(s)) Object.assign(stores[s.name], { kind: 'gauge', ...(s.unit ? { unit: s.unit } : {}) });
      }
      const summary =
        input.finalStores.length === 0
          ? 'no stores were read at the end'
          : input.finalStores.map(describeStore).join(', ');
      return { name: 'store-counts', valid: true, summary, anomalies: {}, examples: {}, stats: { stores } };
    },
  };
}

export const reference = {
  pairWithPositions,
  writesOf,
  ackedWrites,
  okReads,
  readYourWrites,
  splitData,
  lostWrites,
  lastSeenIn,
  divergenceSeries,
  convergence,
  convergenceOf,
  storesEqual,
  duplicates,
  storeCounts,
};
