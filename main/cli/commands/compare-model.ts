// compare.json: what each variant of a comparison showed, as plain data built from its
// report.json and run.jsonl. Pure.
import type { RunEvent } from '../../engine/events';
import type { ReportJson } from '../../engine/reports/report-json';
import type { Validity } from '../../engine/checks/verdict';

export interface CompareVariantJson {
  label: string;
  scenario: string;
  title: string;
  params: Record<string, unknown>;
  runId: string | null;
  /** The variant's run directory, relative to the comparison's directory. */
  dir: string;
  status: ReportJson['status'];
  exitCode: number;
  error?: string;
  durationMs: number;
  /** From the workload's start to the end of the run, where the charts begin. */
  runningAt: number | null;
  verdict: { valid: Validity; anomalies: Record<string, number> };
  expected: ReportJson['expected'] | null;
  matchesExpected: boolean | null;
  /** Final stores; a gauge (kind) holds its last value in rows, in its unit. */
  stores: {
    name: string;
    rows: number;
    distinct: number;
    available: boolean;
    kind?: 'gauge';
    unit?: string;
  }[];
  ops: ReportJson['ops'];
  faults: { kind: string; target: string; at: number; until: number | null; source: string }[];
  skippedFaults: string[];
  convergence: ReportJson['convergence'];
  checks: { name: string; valid: Validity; summary: string; stats?: Record<string, unknown> }[];
  /** Readiness times the run logged ("kafka ready in 3541 ms"), by container. */
  readyMs: Record<string, number>;
  /** GET /stats of each service that answered it at the end of the run. */
  serviceStats: Record<string, unknown>;
}

export interface CompareJson {
  kind: 'chaoslab-compare';
  createdAt: string;
  variants: CompareVariantJson[];
  sets: Record<string, string>;
  faults: string[];
  seed: number;
}

export function matchesExpected(r: Pick<ReportJson, 'expected' | 'verdict'>): boolean | null {
  if (!r.expected) return null;
  return (
    r.expected.valid === r.verdict.valid &&
    r.expected.anomalies.every((k) => (r.verdict.anomalies[k] ?? 0) > 0)
  );
}

/** "kafka ready in 3541 ms" log lines, the first per container (its start-up). */
export function readyTimes(events: readonly RunEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) {
    if (e.type !== 'log') continue;
    const m = /^(\S+) ready in (\d+) ms$/.exec(e.message);
    if (m && !(m[1] in out)) out[m[1]] = Number(m[2]);
  }
  return out;
}

export function runningAt(events: readonly RunEvent[]): number | null {
  const e = events.find((x) => x.type === 'phase' && x.phase === 'running');
  return e ? e.t : null;
}

export interface VariantOutcome {
  label: string;
  title: string;
  dir: string;
  exitCode: number;
  report: ReportJson;
  events: readonly RunEvent[];
  skippedFaults: string[];
  serviceStats: Record<string, unknown>;
}

export function variantJson(o: VariantOutcome): CompareVariantJson {
  const r = o.report;
  const v: CompareVariantJson = {
    label: o.label,
    scenario: r.scenario,
    title: o.title,
    params: r.params,
    runId: r.runId,
    dir: o.dir,
    status: r.status,
    exitCode: o.exitCode,
    durationMs: r.durationMs,
    runningAt: runningAt(o.events),
    verdict: { valid: r.verdict.valid, anomalies: r.verdict.anomalies },
    expected: r.expected ?? null,
    matchesExpected: matchesExpected(r),
    stores: r.stores.map((s) => ({
      name: s.name,
      rows: s.rows,
      distinct: new Set(s.ids).size,
      available: s.available,
      ...(s.kind === 'gauge' ? { kind: s.kind, ...(s.unit ? { unit: s.unit } : {}) } : {}),
    })),
    ops: r.ops,
    faults: r.faults.map((f) => ({
      kind: f.kind,
      target: f.target,
      at: f.at,
      until: f.until,
      source: f.source,
    })),
    skippedFaults: o.skippedFaults,
    convergence: r.convergence,
    checks: r.verdict.checks.map((c) => ({
      name: c.name,
      valid: c.valid,
      summary: c.summary,
      stats: c.stats,
    })),
    readyMs: readyTimes(o.events),
    serviceStats: o.serviceStats,
  };
  if (r.error) v.error = r.error;
  return v;
}
