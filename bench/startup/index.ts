// startup: Lab.startRun -> every container ready, against docker-compose up -d of the same
// containers plus the same readiness checks. Interleaved lab, compose, lab, compose ...
import os from 'node:os';
import { scenarios } from '../../scenarios';
import { median, fmtMs, fmtRatio } from '../lib/stats';
import { line, note, finish, flags, intFlag, type Verdict } from '../lib/report';
import { benchLab, ensureCompose, planOf, warmImages } from '../lib/docker-env';
import { labStartup, type LabTiming } from './lab-side';
import { composeStartup, type ComposeTiming } from './compose-side';

const TARGET = 0.7;
const TIMEOUT_MS = 240_000;

interface Pair {
  lab: LabTiming;
  compose: ComposeTiming;
  ratio: number;
  load: number;
}

function defaultScenarios(): string[] {
  const known = new Set(scenarios.map((s) => s.id));
  const out = ['split-stores', 'broker-sync'];
  if (known.has('outbox-cdc')) out.push('outbox-cdc');
  else note('outbox-cdc is not registered in scenarios/index.ts: not benched');
  return out;
}

export async function startupBench(argv: string[]): Promise<void> {
  const f = flags(argv);
  const ids = f.get('scenarios')?.split(',') ?? defaultScenarios();
  await ensureCompose();
  const env = await benchLab();
  const record: Record<string, unknown> = {};
  const verdicts: Verdict[] = [];
  try {
    for (const id of ids) {
      const reps = intFlag(f, 'reps', id === 'split-stores' ? 5 : 3);
      const { params, plan } = planOf(id);
      note(
        `\n== startup ${id}: ${plan.containers.map((c) => c.name).join(', ')} (${reps} pairs + 1 warm-up)`,
      );
      await warmImages(env.lab.docker, plan);
      const pairs: Pair[] = [];
      for (let i = 0, tries = 0; i <= reps && tries < reps + 4; tries++) {
        let lab: LabTiming;
        let compose: ComposeTiming;
        try {
          lab = await labStartup(env.lab, id, params, TIMEOUT_MS);
          if (lab.built) {
            note('  an image was rebuilt during the lab run (sources changed): pair not counted');
            await warmImages(env.lab.docker, plan);
            continue;
          }
          const rebuilt = { built: false };
          const tags = await warmImages(env.lab.docker, plan, rebuilt);
          if (rebuilt.built) {
            note('  an image was rebuilt after the lab run (sources changed): pair not counted');
            continue;
          }
          compose = await composeStartup(env.lab.docker, plan.containers, tags, TIMEOUT_MS);
        } catch (e) {
          // e.g. another process removed the containers mid-start: the pair is not counted.
          note(`  pair lost: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
          continue;
        }
        const ratio = lab.totalMs / compose.totalMs;
        const label = i === 0 ? 'warm-up' : `pair ${i}`;
        line(
          `  ${label}: lab ${fmtMs(lab.totalMs)} (images ${fmtMs(lab.phases.images ?? 0)}, starting ${fmtMs(lab.phases.starting ?? 0)}) | compose ${fmtMs(compose.totalMs)} (up -d ${fmtMs(compose.upMs)}) | ratio ${fmtRatio(ratio)}`,
        );
        note(
          `    lab ready at ${JSON.stringify(lab.readyMs)}; compose ready at ${JSON.stringify(compose.readyMs)}`,
        );
        if (i > 0) pairs.push({ lab, compose, ratio, load: Number(os.loadavg()[0].toFixed(2)) });
        i++;
      }
      const r = median(pairs.map((p) => p.ratio));
      const labMed = median(pairs.map((p) => p.lab.totalMs));
      const composeMed = median(pairs.map((p) => p.compose.totalMs));
      line(
        `  ${id}: median lab ${fmtMs(labMed)}, median compose ${fmtMs(composeMed)}, median of pair ratios ${fmtRatio(r)} (${pairs.length} pairs)`,
      );
      record[id] = {
        params,
        containers: plan.containers.map((c) => c.name),
        pairs,
        medianRatio: r,
        labMedianMs: labMed,
        composeMedianMs: composeMed,
      };
      verdicts.push({
        what: `startup ${id}, lab / docker-compose`,
        ratio: r,
        target: `<= ${TARGET}x`,
        met: r <= TARGET,
      });
    }
  } finally {
    await env.close();
  }
  // A run of some scenarios only does not overwrite the record of a run of all of them.
  const all = ids.length === defaultScenarios().length && defaultScenarios().every((x) => ids.includes(x));
  finish(all ? 'startup' : `startup-${ids.join('+')}`, record, verdicts);
}
