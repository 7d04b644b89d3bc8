// `chaoslab report <runDir>`: rebuilds the verdict and the reports from run.jsonl alone.
import type { RunEvent, StoreSnapshot } from '../events';
import type { Verdict } from '../checks/verdict';
import { readRunLog } from '../run-store';
import { runChecks } from '../checks/compose';
import { checksOf } from '../checks/steady-state';
import { getScenario } from '../../../scenarios';
import { LabError } from '../errors';
import { writeReports, type ReportJson } from './write-reports';

export interface Recomputed {
  verdict: Verdict | null;
  finalStores: StoreSnapshot[];
  expected?: { valid: Verdict['valid']; anomalies: string[] };
}

export function recomputeVerdict(events: readonly RunEvent[]): Recomputed {
  const meta = events.find((e) => e.type === 'meta');
  if (!meta || meta.type !== 'meta')
    throw new LabError('RUN_NOT_FOUND', 'run.jsonl has no meta line: not a Chaos Lab run log');
  const final = [...events].reverse().find((e) => e.type === 'snapshot' && e.reason === 'final');
  const finalStores = final && final.type === 'snapshot' ? final.stores : [];
  const recorded = events.find((e) => e.type === 'verdict');
  try {
    const scenario = getScenario(meta.scenario);
    const plan = scenario.plan(meta.params as never, meta.seed);
    if (!final) return { verdict: null, finalStores, expected: plan.expected };
    const history = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
    const verdict = runChecks(checksOf(plan), { params: meta.params as never, history, finalStores, events });
    return { verdict, finalStores, expected: plan.expected };
  } catch {
    // A scenario this version does not know: keep the verdict recorded at the time.
    return { verdict: recorded && recorded.type === 'verdict' ? recorded.verdict : null, finalStores };
  }
}

export function rerenderReport(dir: string): ReportJson {
  const { events } = readRunLog(dir);
  const { verdict, finalStores, expected } = recomputeVerdict(events);
  return writeReports(dir, events, verdict, finalStores, { expected });
}
