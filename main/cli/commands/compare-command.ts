// `chaoslab compare <scenario[:k=v,...]> <scenario...> [--set k=v] [--fault ...] [--out DIR]`:
// runs the variants one after another under the same knobs and faults, each into its own run
// directory, then writes compare.json and one self-contained compare.html side by side.
// Exit: 0 when every variant ran to completion (the verdicts are the content), 3 otherwise.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLab, type Lab } from '../../engine/lab';
import { getScenario } from '../../../scenarios';
import { parseSetArgs } from '../../engine/params';
import { parseFaultArg } from '../faults-arg';
import { makeOutput, type Output } from '../output';
import { LabError } from '../../engine/errors';
import { pingEngine } from '../../engine/docker/connection';
import { readRunLog } from '../../engine/run-store';
import { httpJson } from '../../engine/workload/http-json';
import type { ContainerAccess } from '../../engine/runner';
import type { ContainerSpec } from '../../engine/scenario';
import type { RunEvent } from '../../engine/events';
import { writeAtomic } from '../../engine/reports/write-reports';
import { buildVariants, type Variant } from './compare-variants';
import { variantJson, type CompareJson } from './compare-model';
import { renderCompareHtml } from './compare-html';

export const COMPARE_USAGE = `usage: chaoslab compare <scenario[:k=v,...]> <scenario[:k=v,...]> ... [options]

  Runs the variants one after another under the same knobs and faults and writes
  DIR/compare.html (self-contained, side by side) and DIR/compare.json, plus one run
  directory per variant. E.g.  chaoslab compare dual-write outbox-polling
                               chaoslab compare outbox-polling:pollMs=50 outbox-polling:pollMs=1000

  --set k=v      a knob for every variant that has it (a variant's own k=v wins)
  --fault F      a fault for every variant that has its target (as in \`chaoslab run\`)
  --out DIR      where to write (default: a compare-<time> folder beside the runs)
  --seed N       the seed of every variant (default 1)
  --json         one JSON result line on stdout;  --quiet  only the result lines

exit codes: 0 every variant ran to completion (whatever its verdict), 3 otherwise`;

export interface CompareArgs {
  sets: string[];
  faults: string[];
  outDir?: string;
  seed?: string;
  json: boolean;
}

export interface CompareResult {
  dir: string;
  compare: CompareJson;
  exitCode: number;
}

/** GET /stats of every service container that answers it (the relay's polling numbers...). */
async function serviceStats(
  access: ContainerAccess,
  containers: ContainerSpec[],
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const c of containers) {
    const port = c.controlPort ?? (c.role === 'service' ? c.ports?.[0] : undefined);
    if (!port) continue;
    try {
      const r = await httpJson(access.endpoint(c.name, port), 'GET', '/stats', undefined, 2000);
      if (r.status === 200 && r.body && typeof r.body === 'object') out[c.name] = r.body;
    } catch {
      /* not running, or no /stats: nothing to add */
    }
  }
  return out;
}

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}

function safe(label: string): string {
  return label.replace(/[^A-Za-z0-9._=-]+/g, '_').slice(0, 60);
}

/** Runs the variants and writes compare.json and compare.html into `dir`. */
export async function runComparison(
  lab: Lab,
  variants: Variant[],
  o: {
    dir: string;
    seed: number;
    sets: Record<string, string>;
    faults: string[];
    out?: Output;
    signal?: AbortSignal;
  },
): Promise<CompareResult> {
  fs.mkdirSync(o.dir, { recursive: true });
  const results: CompareJson['variants'] = [];
  const events: RunEvent[][] = [];
  for (const [i, v] of variants.entries()) {
    if (o.signal?.aborted) break;
    const rel = `${i + 1}-${safe(v.label)}`;
    o.out?.progress(`variant ${i + 1}/${variants.length}: ${v.label}`);
    let stats: Record<string, unknown> = {};
    const run = lab.startRun(v.scenario.id, v.raw, {
      outDir: path.join(o.dir, rel),
      seed: o.seed,
      extraFaults: v.faults,
      onEvent: (e) => o.out?.event(e),
      beforeTeardown: async (access) => {
        stats = await serviceStats(access, run.plan.containers);
      },
    });
    const stop = () => run.stop('interrupted (SIGINT/SIGTERM)');
    o.signal?.addEventListener('abort', stop, { once: true });
    const r = await run.done;
    o.signal?.removeEventListener('abort', stop);
    const log = readRunLog(r.dir).events;
    events.push(log);
    results.push(
      variantJson({
        label: v.label,
        title: v.scenario.title.en,
        dir: rel,
        exitCode: r.exitCode,
        report: r.report,
        events: log,
        skippedFaults: v.skippedFaults,
        serviceStats: stats,
      }),
    );
    o.out?.progress(
      `variant ${v.label}: ${r.status}, verdict ${String(r.report.verdict.valid)} ${JSON.stringify(r.report.verdict.anomalies)}`,
    );
  }
  const compare: CompareJson = {
    kind: 'chaoslab-compare',
    createdAt: new Date().toISOString(),
    variants: results,
    sets: o.sets,
    faults: o.faults,
    seed: o.seed,
  };
  writeAtomic(path.join(o.dir, 'compare.json'), JSON.stringify(compare, null, 2) + '\n');
  writeAtomic(path.join(o.dir, 'compare.html'), renderCompareHtml(compare, events));
  const complete = results.length === variants.length && results.every((r) => r.status === 'completed');
  return { dir: o.dir, compare, exitCode: complete ? 0 : 3 };
}

/** The whole `compare` command line (what follows the word compare). */
export function parseCompareArgv(argv: readonly string[]): {
  variants: string[];
  args: CompareArgs;
  quiet: boolean;
  help: boolean;
} {
  let p;
  try {
    p = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        set: { type: 'string', multiple: true },
        fault: { type: 'string', multiple: true },
        out: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new LabError('BAD_REQUEST', `${e instanceof Error ? e.message : String(e)}\n${COMPARE_USAGE}`);
  }
  const v = p.values;
  return {
    variants: p.positionals,
    args: { sets: v.set ?? [], faults: v.fault ?? [], outDir: v.out, seed: v.seed, json: v.json === true },
    quiet: v.quiet === true,
    help: v.help === true,
  };
}

/** `chaoslab compare ...`: the entry main.ts calls with the arguments after `compare`. */
export async function cmdCompareCli(argv: readonly string[]): Promise<number> {
  const p = parseCompareArgv(argv);
  const out = makeOutput({ json: p.args.json, quiet: p.quiet });
  if (p.help) {
    process.stdout.write(COMPARE_USAGE + '\n');
    return 0;
  }
  return cmdCompare(out, p.variants, p.args);
}

export async function cmdCompare(out: Output, args: string[], a: CompareArgs): Promise<number> {
  const sets = parseSetArgs(a.sets);
  const seed = a.seed !== undefined ? Number(a.seed) : 1;
  if (!Number.isInteger(seed))
    throw new LabError('PARAM_INVALID', `--seed expects an integer, got '${a.seed}'`);
  const faults = a.faults.map((arg) => ({ arg, step: parseFaultArg(arg) }));
  // Every variant is checked before any container starts.
  const variants = buildVariants({ args, sets, faults, getScenario, seed });
  const lab = await createLab();
  await pingEngine(lab.docker);
  const dir = path.resolve(a.outDir ?? path.join(lab.runsDir, `compare-${stamp()}`));
  out.progress(`comparing ${variants.map((v) => v.label).join(' vs ')} -> ${dir}`);
  const abort = new AbortController();
  let interrupted = 0;
  const onSignal = () => {
    interrupted++;
    if (interrupted === 1) {
      out.progress('interrupted: stopping the current variant, skipping the rest');
      abort.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let r: CompareResult;
  try {
    r = await runComparison(lab, variants, { dir, seed, sets, faults: a.faults, out, signal: abort.signal });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (a.json) {
    process.stdout.write(
      JSON.stringify({
        type: 'compare',
        dir: r.dir,
        exitCode: r.exitCode,
        variants: r.compare.variants.map((v) => ({ label: v.label, status: v.status, verdict: v.verdict })),
      }) + '\n',
    );
  } else {
    const lines = r.compare.variants.map(
      (v) =>
        `${v.label.padEnd(28)} ${v.status.padEnd(9)} verdict ${String(v.verdict.valid).padEnd(7)} ${JSON.stringify(v.verdict.anomalies)}`,
    );
    out.result([...lines, `report:  ${path.join(r.dir, 'compare.html')}`].join('\n'));
  }
  return r.exitCode;
}
