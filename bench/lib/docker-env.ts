// What the Docker benches need before measuring: the engine, docker-compose (Debian's, v1),
// the lab's images (built now so that every measured start is warm), a temporary runs dir.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { Lab } from '../../main/engine/lab';
import { getScenario } from '../../scenarios';
import { resolveParams } from '../../main/engine/params';
import type { Params, ScenarioPlan } from '../../main/engine/scenario';
import { ensureBaseImage, ensureImages } from '../../main/engine/docker/images';
import { pingEngine } from '../../main/engine/docker/connection';
import { runCmd } from '../startup/compose-side';
import { note } from './report';
import { atInterrupt } from './interrupt';

export async function ensureCompose(): Promise<void> {
  if ((await runCmd('docker-compose', ['version', '--short'], 30_000)).code === 0) return;
  if (process.getuid?.() !== 0)
    throw new Error("docker-compose is missing: 'sudo apt-get install docker-compose'");
  note('installing Debian docker-compose (apt-get install docker-compose)');
  await runCmd('apt-get', ['update', '-qq'], 300_000);
  const r = await runCmd('apt-get', ['install', '-y', '-qq', 'docker-compose'], 600_000);
  if (r.code !== 0) throw new Error(`apt-get install docker-compose failed: ${r.out.slice(-400)}`);
}

export interface BenchLab {
  lab: Lab;
  runsDir: string;
  close(): Promise<void>;
}

/** A Lab writing its runs into a temporary directory removed at close. */
export async function benchLab(): Promise<BenchLab> {
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-bench-runs-'));
  const lab = new Lab({ runsDir });
  await pingEngine(lab.docker);
  const close = async () => {
    await lab.close();
    fs.rmSync(runsDir, { recursive: true, force: true });
  };
  const unregister = atInterrupt(close);
  return {
    lab,
    runsDir,
    async close() {
      unregister();
      await close();
    },
  };
}

export function planOf(
  scenario: string,
  raw: Record<string, unknown> = {},
): { params: Params; plan: ScenarioPlan } {
  const s = getScenario(scenario);
  const params = resolveParams(s.id, s.knobs, raw);
  return { params, plan: s.plan(params, 1) };
}

/** Builds what is missing (not measured) and returns logical image name -> tag; `out.built` tells whether it built. */
export async function warmImages(
  docker: Docker,
  plan: ScenarioPlan,
  out: { built: boolean } = { built: false },
): Promise<Record<string, string>> {
  await ensureBaseImage(docker);
  let last = '';
  return ensureImages(
    docker,
    plan.containers.map((c) => c.image),
    (p) => {
      if (p.state === 'building' || p.state === 'preparing') out.built = true;
      const s = `${p.name}: ${p.state}`;
      if (p.state !== 'cached' && s !== last) note(`  image ${s}${p.step ? ` (${p.step})` : ''}`);
      last = s;
    },
  );
}
