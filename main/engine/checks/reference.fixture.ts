// Test oracle: the generic checkers as they were before they were made linear (commit
// 18d85fe), kept verbatim apart from names, so tests can pin that the fast versions give the
// same results: same counts, same examples, same summaries and stats. Quadratic in places, so
// for small inputs only. Used only by tests.
import type { History, Op } from '../history';
import type { Checker, CheckInput } from '../scenario';
import type { RunEvent } from '../events';
import type { CheckResult, Validity } from './verdict';
import { firstExamples } from './compose';
import { idOf, idsOf } from './op-values';

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
      for (const s of input.finalStores) {
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
      const anyHeld = new Set(input.finalStores.filter((s) => s.available).flatMap((s) => s.ids));
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
      for (const s of ev.stores) if (s.available) for (const id of s.ids) note(id, s.name, ev.t, 'snapshot');
    } else if (ev.type === 'sample' && ev.ids) {
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
      const held = new Set<string>();
      for (const s of input.finalStores) if (s.available) for (const id of s.ids) held.add(id);
      const unreadable = input.finalStores.filter((s) => !s.available).map((s) => s.name);

      const lost = acked.filter((w) => !held.has(w.id));
      const lostIds = new Set(lost.map((w) => w.id));
      const seen = lastSeenIn(input.events, lostIds);
      const uncertainPresent = uncertain.filter((w) => held.has(w.id)).length;

      let valid: Validity = lost.length > 0 ? false : true;
      if (input.finalStores.length === 0 && acked.length > 0) valid = 'unknown';
      else if (lost.length > 0 && unreadable.length > 0) valid = 'unknown';

      const lastHeldBy: Record<string, LastSeen> = {};
      for (const [id, where] of seen) lastHeldBy[id] = where;

      let summary: string;
      if (input.finalStores.length === 0) {
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
  const samples = events
    .filter((e): e is Extract<RunEvent, { type: 'sample' }> => e.type === 'sample')
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
};
