import fs from 'node:fs';
import path from 'node:path';
import { createLab } from '../../engine/lab';
import { scenarios, getScenario } from '../../../scenarios';
import { describeKnob, parseSetArgs, resolveParams } from '../../engine/params';
import { parseFaultArg } from '../faults-arg';
import type { Output } from '../output';
import { rerenderReport } from '../../engine/reports/rerender';
import { renderJunit } from '../../engine/reports/report-csv';
import { LabError } from '../../engine/errors';
import { pingEngine } from '../../engine/docker/connection';

export function cmdList(out: Output, json: boolean): number {
  if (json) {
    process.stdout.write(JSON.stringify(scenarios.map((s) => ({ id: s.id, pack: s.pack, title: s.title.en, knobs: s.knobs })), null, 2) + '\n');
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

export interface RunArgs {
  sets: string[];
  outDir?: string;
  seed?: string;
  faults: string[];
  junit?: string;
  json: boolean;
}

export async function cmdRun(out: Output, scenarioId: string, a: RunArgs): Promise<number> {
  const scenario = getScenario(scenarioId); // unknown id: the list of valid ids, before touching Docker
  const raw = parseSetArgs(a.sets);
  resolveParams(scenario.id, scenario.knobs, raw); // a bad --set: the knob and its allowed values
  const extraFaults = a.faults.map(parseFaultArg);
  const seed = a.seed !== undefined ? Number(a.seed) : undefined;
  if (seed !== undefined && !Number.isInteger(seed)) throw new LabError('PARAM_INVALID', `--seed expects an integer, got '${a.seed}'`);
  const lab = await createLab();
  await pingEngine(lab.docker); // Docker unreachable: one line naming the fix, exit 3
  const run = lab.startRun(scenarioId, raw, { outDir: a.outDir, seed, extraFaults, onEvent: (e) => out.event(e) });
  out.progress(`run ${run.runId} -> ${run.dir}`);
  let interrupted = 0;
  const onSignal = () => {
    interrupted++;
    if (interrupted === 1) {
      out.progress('interrupted: healing faults and removing containers (Ctrl-C again to quit at once)');
      run.stop('interrupted (SIGINT/SIGTERM)');
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const r = await run.done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (a.junit) {
    fs.mkdirSync(path.dirname(path.resolve(a.junit)), { recursive: true });
    fs.writeFileSync(a.junit, renderJunit(r.report));
  }
  if (a.json) {
    process.stdout.write(JSON.stringify({ type: 'result', runId: r.runId, dir: r.dir, status: r.status, exitCode: r.exitCode, verdict: r.report.verdict }) + '\n');
  } else {
    const stores = r.report.stores.map((s) => `${s.name}=${s.rows}`).join(' ');
    out.result(
      [
        `status:  ${r.status}`,
        `verdict: ${r.verdict ? String(r.verdict.valid) : 'unknown (no verdict)'}`,
        `anomalies: ${JSON.stringify(r.report.verdict.anomalies)}`,
        `stores:  ${stores}`,
        `ops:     ${JSON.stringify(r.report.ops)}`,
        `report:  ${path.join(r.dir, 'report.html')}`,
      ].join('\n'),
    );
  }
  return r.exitCode;
}

export function cmdReport(out: Output, dir: string): number {
  const r = rerenderReport(dir);
  out.result(`status: ${r.status}\nverdict: ${String(r.verdict.valid)}\nreport: ${path.join(dir, 'report.html')}`);
  return r.status !== 'completed' ? 3 : r.verdict.valid === true ? 0 : r.verdict.valid === false ? 1 : 2;
}
