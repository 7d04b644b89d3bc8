// Session guarantees per process: read-your-writes (a read shows every add the same process
// had acknowledged before the read was invoked) and monotonic reads (a read never misses
// an id an earlier read of the same process returned). Each violating read counts once.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { firstExamples, MAX_EXAMPLES_PER_KIND } from './compose';
import { okReads, processNumbers, writesOf, type ReadRecord } from './history-views';

export interface ReadYourWritesOptions {
  addF?: string;
  readF?: string;
}

export interface SessionViolation {
  readIndex: number;
  process: string;
  /** When the read completed (ms since the run started). */
  time: number;
  invokedAt: number;
  missing: string[];
  servedBy?: string;
}

/**
 * A violating read, found by counting. Which ids it missed is listed only for the few
 * violations a verdict shows: those among the first `upTo` of `expected` (the ids the
 * process had had acknowledged, or had seen in the order first seen) that it did not return.
 */
interface Found {
  read: ReadRecord;
  expected: readonly string[];
  upTo: number;
}

function violation(f: Found): SessionViolation {
  const read = f.read;
  const got = new Set(read.ids);
  const missing: string[] = [];
  for (let i = 0; i < f.upTo; i++) if (!got.has(f.expected[i])) missing.push(f.expected[i]);
  return {
    readIndex: read.index,
    process: read.process,
    time: read.completedAt,
    invokedAt: read.invokedAt,
    missing,
    servedBy: read.node,
  };
}

/**
 * Finds both kinds of violation for one process's reads and acknowledged writes, in one pass:
 * each read costs the length of its own id list, however long the session. Both lists are in
 * invocation order; a process has one op in flight, so its acknowledgements are in
 * completion order too and those before a read are a prefix that grows from read to read.
 */
function checkProcess(
  reads: readonly ReadRecord[],
  /** The ids of its writes acknowledged ok, and where in the history each ok is. */
  ackedIds: readonly string[],
  ackedAt: readonly number[],
  ryw: Found[],
  mono: Found[],
): void {
  let upTo = 0;
  /**
   * For each id this process has had acknowledged or has read: how many times it was among
   * the acknowledgements before the current read, and the number of the last read that
   * returned it (-1: none yet; the current one: a read that lists it twice).
   */
  const known = new Map<string, { times: number; lastRead: number }>();
  /** The ids its reads returned, in the order first returned. */
  const seenOrder: string[] = [];
  for (let k = 0; k < reads.length; k++) {
    const read = reads[k];
    // Acknowledged before the read was invoked: the ok sits earlier in the history.
    while (upTo < ackedAt.length && ackedAt[upTo] < read.invokePos) {
      const id = ackedIds[upTo++];
      const e = known.get(id);
      if (e) e.times++;
      else known.set(id, { times: 1, lastRead: -1 });
    }
    const seen = seenOrder.length;
    let shownOwn = 0;
    let shownSeen = 0;
    for (const id of read.ids) {
      const e = known.get(id);
      if (!e) {
        known.set(id, { times: 0, lastRead: k });
        seenOrder.push(id);
        continue;
      }
      if (e.lastRead === k) continue; // listed twice by this read
      if (e.lastRead >= 0) shownSeen++;
      else seenOrder.push(id);
      e.lastRead = k;
      shownOwn += e.times;
    }
    if (shownOwn < upTo) ryw.push({ read, expected: ackedIds, upTo });
    if (shownSeen < seen) mono.push({ read, expected: seenOrder, upTo: seen });
  }
}

/**
 * The first `n` violations by completion time, ties in the order found: what a stable sort
 * by time followed by slice(0, n) gives, without sorting them all.
 */
function firstByTime(found: readonly Found[], n: number): Found[] {
  const first: Found[] = [];
  for (const f of found) {
    const t = f.read.completedAt;
    if (Number.isNaN(t))
      return [...found].sort((a, b) => a.read.completedAt - b.read.completedAt).slice(0, n);
    if (first.length === n && !(t < first[n - 1].read.completedAt)) continue;
    let i = Math.min(first.length, n - 1);
    while (i > 0 && t < first[i - 1].read.completedAt) i--;
    first.splice(i, 0, f);
    if (first.length > n) first.pop();
  }
  return first;
}

export function readYourWrites(opts: ReadYourWritesOptions = {}): Checker {
  const addF = opts.addF ?? 'add';
  const readF = opts.readF ?? 'list';
  return {
    name: 'read-your-writes',
    check(input: CheckInput): CheckResult {
      const reads = okReads(input.history, readF);
      // Each process's reads and acknowledged writes, grouped in one pass (processes in
      // the order of their first read).
      const { processAt, processes: numbered } = processNumbers(input.history);
      type Group = { reads: ReadRecord[]; ackedIds: string[]; ackedAt: number[] };
      const groupOf: (Group | undefined)[] = new Array(numbered);
      const groups: Group[] = [];
      for (const r of reads) {
        const p = processAt[r.invokePos];
        const g = groupOf[p];
        if (g) g.reads.push(r);
        else groups.push((groupOf[p] = { reads: [r], ackedIds: [], ackedAt: [] }));
      }
      for (const w of writesOf(input.history, addF)) {
        if (w.outcome !== 'ok') continue;
        const g = groupOf[processAt[w.invokePos]];
        if (!g) continue;
        g.ackedIds.push(w.id);
        g.ackedAt.push(w.completePos ?? Infinity);
      }
      const rywFound: Found[] = [];
      const monoFound: Found[] = [];
      for (const g of groups) checkProcess(g.reads, g.ackedIds, g.ackedAt, rywFound, monoFound);
      const processes = groups.length;
      const ryw = firstByTime(rywFound, MAX_EXAMPLES_PER_KIND).map(violation);
      const mono = firstByTime(monoFound, MAX_EXAMPLES_PER_KIND).map(violation);
      const rywCount = rywFound.length;
      const monoCount = monoFound.length;

      let summary: string;
      if (reads.length === 0) {
        summary = `no successful ${readF} reads to check`;
      } else if (rywCount === 0 && monoCount === 0) {
        summary = `all ${reads.length} reads showed the reader's own acknowledged writes, never going backwards`;
      } else {
        const parts: string[] = [];
        if (rywCount > 0)
          parts.push(`${rywCount} of ${reads.length} reads missed the reader's own acknowledged writes`);
        if (monoCount > 0) parts.push(`${monoCount} reads missed ids an earlier read had shown`);
        summary = parts.join('; ');
        const first = ryw[0] ?? mono[0];
        summary += ` (first at ${(first.time / 1000).toFixed(1)}s${first.servedBy ? ` via ${first.servedBy}` : ''}, missing ${first.missing.slice(0, 3).join(', ')}${first.missing.length > 3 ? ', ...' : ''})`;
      }

      const examples: Record<string, unknown[]> = {};
      if (ryw.length) examples['read-your-writes'] = firstExamples(ryw);
      if (mono.length) examples['monotonic-read'] = firstExamples(mono);
      return {
        name: 'read-your-writes',
        valid: rywCount + monoCount > 0 ? false : true,
        summary,
        anomalies: { 'read-your-writes': rywCount, 'monotonic-read': monoCount },
        examples,
        stats: { reads: reads.length, processes },
      };
    },
  };
}
