import path from 'node:path';
import { createLab } from '../../engine/lab';
import { scenarios, getScenario } from '../../../scenarios';
import { describeKnob, resolveParams } from '../../engine/params';
import type { Output } from '../output';
import { rerenderReport } from '../../engine/reports/rerender';
import { LabError } from '../../engine/errors';
import { pingEngine } from '../../engine/docker/connection';
import type { ScenarioDefinition } from '../../engine/scenario';
import type { RunResult } from '../../engine/runner';
import { loadScenarioFile, looksLikeScenarioFile, startScenarioRun } from '../../engine/scenario-file';
import type { RunCommand } from '../args';
import { errorReport, prepareJunit, writeJunit } from '../junit';
import { isToxicKind, proxiedContainers, proxiesFor } from '../../engine/toxiproxy/proxies';

export function cmdList(out: Output): number {
  if (out.json) {
    out.data({
      type: 'result',
      scenarios: scenarios.map((s) => ({ id: s.id, pack: s.pack, title: s.title.en, knobs: s.knobs })),
    });
    return 0;
  }
  const lines: string[] = [];
  for (const s of scenarios) {
    lines.push(`${s.id.padEnd(22)} pack ${s.pack}  ${s.title.en}`);
    for (const k of s.knobs) lines.push(`    --set ${describeKnob(k)}`);
  }
  out.result(lines.join('\n'));
  return 0;
}

interface Resolved {
  scenario: ScenarioDefinition;
  seed?: number;
  /** Shown as the scenario in messages: the id, or the file. */
  label: string;
}

/** A built-in id or an experiment file; every mistake found before Docker is touched. */
export function resolveRunTarget(a: RunCommand): Resolved {
  let r: Resolved;
  if (looksLikeScenarioFile(a.target)) {
    const l = loadScenarioFile(a.target);
    r = { scenario: l.definition, seed: l.seed, label: l.file };
  } else {
    r = { scenario: getScenario(a.target), label: a.target }; // unknown id: the list of valid ids
  }
  const params = resolveParams(r.scenario.id, r.scenario.knobs, a.sets); // a bad --set: the knob and its values
  const plan = r.scenario.plan(params, a.seed ?? r.seed ?? 1); // a file's faults must name containers
  const names = plan.containers.map((c) => c.name);
  for (const f of a.faults) {
    if ('fault' in f && !names.includes(f.fault.target)) {
      throw new LabError(
        'PARAM_INVALID',
        `--fault ${f.fault.kind}:${f.fault.target}: no container '${f.fault.target}' in ${r.scenario.id} (containers: ${names.join(', ')})`,
      );
    }
    if ('fault' in f && isToxicKind(f.fault.kind) && !proxiesFor(plan.proxies ?? [], f.fault.target).length) {
      const reach = [...proxiedContainers(plan.proxies ?? []).keys()];
      throw new LabError(
        'PARAM_INVALID',
        `--fault ${f.fault.kind}:${f.fault.target}: network faults go through a Toxiproxy, and ${r.scenario.id} has none in front of ${f.fault.target} (${reach.length ? `they reach: ${reach.join(', ')}` : 'try composition-vs-cqrs, whose product service sits behind one'})`,
      );
    }
  }
  return r;
}

export async function cmdRun(out: Output, a: RunCommand): Promise<number> {
  let label = a.target;
  try {
    const r = resolveRunTarget(a);
    label = r.scenario.id;
    if (a.junit) prepareJunit(a.junit, r.scenario.id);
    const result = await execute(out, a, r);
    if (a.junit) writeJunit(a.junit, result.report);
    printResult(out, result, a.junit);
    return result.exitCode;
  } catch (e) {
    // CI reads the JUnit file: a run that could not be carried out is an error case there.
    if (a.junit) {
      try {
        writeJunit(a.junit, errorReport(label, 'error', e instanceof Error ? e.message : String(e)));
      } catch {
        // the original error says more than this one
      }
    }
    throw e;
  }
}

/** After an interrupted run has ended, how long the CLI lets its last output drain. */
const QUIT_AFTER_STOP_MS = 1000;

async function execute(out: Output, a: RunCommand, r: Resolved): Promise<RunResult> {
  const lab = await createLab();
  await pingEngine(lab.docker); // Docker unreachable: one line naming the fix, exit 3
  const run = startScenarioRun(lab, r.scenario, a.sets, {
    outDir: a.outDir,
    seed: a.seed ?? r.seed,
    extraFaults: a.faults,
    onEvent: (e) => out.event(e),
    onImageProgress: (p) => out.image(p),
  });
  out.progress(`run ${run.runId} -> ${run.dir}`);
  // Ctrl-C / SIGTERM: the run heals its faults, removes its containers and ends as aborted;
  // the reports (and --junit) are still written. A second signal quits at once (the next
  // start of the lab reaps what is left).
  let interrupted = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted++;
    if (interrupted === 1) {
      out.progress(`${signal}: healing faults and removing containers (again to quit at once)`);
      run.stop(`interrupted (${signal})`);
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run.done;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // An image build the stop did not wait for still streams: the CLI does not wait for it
    // either (its reports are written; the engine cancels the build once we are gone).
    if (interrupted) setTimeout(() => process.exit(), QUIT_AFTER_STOP_MS).unref();
  }
}

function printResult(out: Output, r: RunResult, junit?: string): void {
  const checks = r.report.verdict.checks.map((c) => ({ name: c.name, valid: c.valid, summary: c.summary }));
  if (out.json) {
    out.data({
      type: 'result',
      runId: r.runId,
      scenario: r.report.scenario,
      dir: r.dir,
      status: r.status,
      exitCode: r.exitCode,
      ...(r.report.error ? { error: r.report.error } : {}),
      verdict: { valid: r.report.verdict.valid, anomalies: r.report.verdict.anomalies },
      checks,
      stores: r.report.stores.map((s) => ({ name: s.name, rows: s.rows, available: s.available })),
      ops: r.report.ops,
      report: path.join(r.dir, 'report.html'),
      ...(junit ? { junit: path.resolve(junit) } : {}),
    });
    return;
  }
  const stores = r.report.stores.map((s) => `${s.name}=${s.rows}`).join(' ');
  const steady = r.report.verdict.checks.find((c) => c.name === 'steady-state');
  out.result(
    [
      `status:  ${r.status}${r.report.error ? ` (${r.report.error.split('\n')[0]})` : ''}`,
      `verdict: ${r.verdict ? String(r.verdict.valid) : 'unknown (no verdict)'}`,
      `anomalies: ${JSON.stringify(r.report.verdict.anomalies)}`,
      ...(steady ? [`steady state: ${steady.summary}`] : []),
      `stores:  ${stores}`,
      `ops:     ${JSON.stringify(r.report.ops)}`,
      `report:  ${path.join(r.dir, 'report.html')}`,
      ...(junit ? [`junit:   ${path.resolve(junit)}`] : []),
    ].join('\n'),
  );
}

export function cmdReport(out: Output, dir: string): number {
  const r = rerenderReport(dir);
  const code =
    r.status !== 'completed' ? 3 : r.verdict.valid === true ? 0 : r.verdict.valid === false ? 1 : 2;
  if (out.json)
    out.data({
      type: 'result',
      status: r.status,
      valid: r.verdict.valid,
      exitCode: code,
      report: path.join(dir, 'report.html'),
    });
  else
    out.result(
      `status: ${r.status}\nverdict: ${String(r.verdict.valid)}\nreport: ${path.join(dir, 'report.html')}`,
    );
  return code;
}
