// check: generated histories of 10^4, 10^5, 10^6 ops (history entries: invokes and
// completions) through the composed checkers split-stores uses. Figures: ops per CPU-second
// (ratio to the 1M ops/s target), growth between sizes, and the time against a naive
// O(n^2) read-your-writes run interleaved with it (lab, naive, lab, naive ...).
import { runChecks } from '../../main/engine/checks/compose';
import { median, fmtRatio } from '../lib/stats';
import { line, note, finish, flags, type Verdict } from '../lib/report';
import { planOf } from '../lib/docker-env';
import { generateRun, ORDERS_PER_SESSION, READ_EVERY, SESSIONS_ACTIVE } from './history-gen';
import { naiveReadYourWrites } from './naive-ryw';

const TARGET_OPS_PER_S = 1_000_000;
const NAIVE_BUDGET_MS = 60_000;
const REPS: Record<number, number> = { 10_000: 9, 100_000: 5, 1_000_000: 3 };
/** No more reps at a size once the lab's checks have taken this long there (at least one rep). */
const SIZE_BUDGET_MS = 120_000;
const WARMUP_OPS = 10_000;
const WARMUP_REPS = 10;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function timed<T>(fn: () => T): { value: T } & Timing {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export async function checkBench(argv: string[]): Promise<void> {
  const f = flags(argv);
  const sizes = (f.get('sizes') ?? '10000,100000,1000000').split(',').map(Number);
  const { params, plan } = planOf('split-stores');
  note(`checkers: ${plan.checks.map((c) => c.name).join(', ')}`);
  note(
    `history: sessions of ${ORDERS_PER_SESSION} orders with a list every ${READ_EVERY}, ${SESSIONS_ACTIVE} at a time, 2 stores, a kill at 40%`,
  );
  const record: Record<string, unknown> = {};
  const verdicts: Verdict[] = [];
  const perOp: { n: number; cpuNsPerOp: number }[] = [];
  // Warm-up, not measured: the first passes over the checkers' code in this process run it
  // unoptimised and pay V8's compilation (on its own threads, which process.cpuUsage counts);
  // that fixed cost would otherwise be most of the smallest size's reps. Printed, not hidden.
  {
    const w = generateRun(WARMUP_OPS, 2);
    const input = { params, history: w.history, finalStores: w.finalStores, events: w.events };
    const cpuMs = Array.from({ length: WARMUP_REPS }, () => timed(() => runChecks(plan.checks, input)).cpuMs);
    note(
      `warm-up (not measured): ${WARMUP_REPS} passes over another ${WARMUP_OPS.toLocaleString('en')}-op history, CPU ms ${cpuMs.map((x) => x.toFixed(1)).join(', ')} (the first is the cold start)`,
    );
    record.warmup = { ops: WARMUP_OPS, cpuMs };
  }
  for (const n of sizes) {
    global.gc?.();
    const run = generateRun(n);
    const input = { params, history: run.history, finalStores: run.finalStores, events: run.events };
    note(
      `\n== ${n.toLocaleString('en')} ops: ${run.sessions} sessions, ${run.reads} reads, ${run.events.length} events (${run.events.filter((e) => e.type === 'sample').length} samples)`,
    );
    const reps = REPS[n] ?? 3;
    const lab: Timing[] = [];
    const naive: Timing[] = [];
    let naiveSkipped = '';
    let verdictSummary: unknown;
    for (let i = 0; i < reps; i++) {
      if (lab.reduce((sum, x) => sum + x.wallMs, 0) > SIZE_BUDGET_MS) {
        note(
          `  stopping after ${i} reps: the time budget of ${SIZE_BUDGET_MS / 1000} s at this size is spent`,
        );
        break;
      }
      const l = timed(() => runChecks(plan.checks, input));
      lab.push({ wallMs: l.wallMs, cpuMs: l.cpuMs });
      verdictSummary = { valid: l.value.valid, anomalies: l.value.anomalies };
      let naiveText = '';
      if (!naiveSkipped) {
        const nv = timed(() => naiveReadYourWrites(run.history, performance.now() + NAIVE_BUDGET_MS));
        if (!nv.value.complete) naiveSkipped = `did not finish in ${NAIVE_BUDGET_MS / 1000} s`;
        else {
          naive.push({ wallMs: nv.wallMs, cpuMs: nv.cpuMs });
          const labRyw = l.value.anomalies['read-your-writes'];
          if (labRyw !== nv.value.violations)
            throw new Error(
              `naive and lab disagree: ${nv.value.violations} vs ${labRyw} read-your-writes violations`,
            );
          naiveText = ` | naive RYW ${nv.wallMs.toFixed(0)} ms wall, ${nv.cpuMs.toFixed(0)} ms CPU`;
        }
      }
      line(
        `  rep ${i + 1}: lab checks ${l.wallMs.toFixed(1)} ms wall, ${l.cpuMs.toFixed(1)} ms CPU${naiveText}`,
      );
    }
    const cpu = median(lab.map((x) => x.cpuMs));
    const wall = median(lab.map((x) => x.wallMs));
    const opsPerCpuS = n / (cpu / 1000);
    const opsPerWallS = n / (wall / 1000);
    perOp.push({ n, cpuNsPerOp: (cpu * 1e6) / n });
    line(
      `  ${n.toLocaleString('en')} ops: median ${cpu.toFixed(1)} ms CPU (${Math.round(opsPerCpuS).toLocaleString('en')} ops per CPU-s), ${wall.toFixed(1)} ms wall (${Math.round(opsPerWallS).toLocaleString('en')} ops/s); verdict ${JSON.stringify(verdictSummary)}`,
    );
    const entry: Record<string, unknown> = {
      sessions: run.sessions,
      reads: run.reads,
      events: run.events.length,
      lab,
      opsPerCpuS,
      opsPerWallS,
      verdict: verdictSummary,
    };
    if (naive.length) {
      const naiveCpu = median(naive.map((x) => x.cpuMs));
      const r = cpu / naiveCpu;
      line(
        `  ${n.toLocaleString('en')} ops: naive O(n^2) read-your-writes alone ${naiveCpu.toFixed(1)} ms CPU; all five lab checkers / naive RYW = ${fmtRatio(r)}`,
      );
      entry.naive = naive;
      entry.labOverNaive = r;
      verdicts.push({
        what: `check ${n} ops, lab (5 checkers) / naive O(n^2) RYW, CPU time`,
        ratio: r,
        target: '< 1x',
        met: r < 1,
      });
    } else if (naiveSkipped) {
      note(`  naive RYW ${naiveSkipped}: no peer at this size`);
      entry.naive = naiveSkipped;
    }
    // Where the time goes: each checker alone, once (a diagnosis, not a figure).
    const perChecker: Record<string, number> = {};
    for (const c of plan.checks) perChecker[c.name] = Math.round(timed(() => c.check(input)).cpuMs);
    note(`  CPU ms per checker, one pass: ${JSON.stringify(perChecker)}`);
    entry.perCheckerCpuMs = perChecker;
    record[String(n)] = entry;
    verdicts.push({
      what: `check ${n} ops, ops per CPU-second / 1M target`,
      ratio: opsPerCpuS / TARGET_OPS_PER_S,
      target: '>= 1x',
      met: opsPerCpuS >= TARGET_OPS_PER_S,
    });
  }
  for (let i = 1; i < perOp.length; i++) {
    const a = perOp[i - 1];
    const b = perOp[i];
    const exponent = Math.log((b.cpuNsPerOp * b.n) / (a.cpuNsPerOp * a.n)) / Math.log(b.n / a.n);
    line(
      `  growth ${a.n.toLocaleString('en')} -> ${b.n.toLocaleString('en')}: CPU per op ${a.cpuNsPerOp.toFixed(0)} -> ${b.cpuNsPerOp.toFixed(0)} ns, time ~ n^${exponent.toFixed(2)} (1.00 is linear)`,
    );
  }
  record.growth = perOp;
  // The headline (last line): the largest size against the target.
  const last = verdicts.filter((v) => v.what.includes('target')).pop();
  finish('check', record, [...verdicts.filter((v) => v !== last), ...(last ? [last] : [])]);
}
