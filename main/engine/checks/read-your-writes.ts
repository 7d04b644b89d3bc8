// Session guarantees per process: read-your-writes (a read shows every add the same process
// had acknowledged before the read was invoked) and monotonic reads (a read never misses
// an id an earlier read of the same process returned). Each violating read counts once.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult } from './verdict';
import { firstExamples } from './compose';
import { okReads, writesOf, type ReadRecord, type WriteRecord } from './history-views';

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

export function readYourWrites(opts: ReadYourWritesOptions = {}): Checker {
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
