import { SingleBar, MultiBar, Presets } from 'cli-progress';
import type { ImageProgress } from '../../contract/channels';
import { connectDocker, engineAddress, pingEngine } from '../../engine/docker/connection';
import { ensureEngine } from '../../engine/docker/bootstrap';
import { ensureBaseImage, ensureImages, imagesStatus, listImageNames } from '../../engine/docker/images';
import { listLeftovers, reap } from '../../engine/docker/reaper';
import type { Output } from '../output';

export async function cmdEngine(out: Output): Promise<number> {
  const r = await ensureEngine(connectDocker(), (l) => out.progress(l));
  out.result(`engine ${r.action}: Docker ${r.version} at ${engineAddress().display} (${r.ms} ms)`);
  return 0;
}

export async function cmdImages(out: Output, names: string[], quiet: boolean): Promise<number> {
  const docker = connectDocker();
  await pingEngine(docker);
  const wanted = names.length ? names : listImageNames();
  const t0 = Date.now();
  await ensureBaseImage(docker, (l) => out.progress(l));
  const interactive = !quiet && process.stderr.isTTY;
  const multi = interactive
    ? new MultiBar(
        { format: '{name} |{bar}| {percentage}% {state} {step}', hideCursor: true, clearOnComplete: false },
        Presets.shades_classic,
      )
    : null;
  const bars = new Map<string, SingleBar>();
  const last = new Map<string, string>();
  const onProgress = (p: ImageProgress) => {
    if (multi) {
      let bar = bars.get(p.name);
      if (!bar) {
        bar = multi.create(100, 0, { name: p.name.padEnd(10), state: p.state, step: '' });
        bars.set(p.name, bar);
      }
      bar.update(Math.round(p.progress * 100), { state: p.state, step: (p.step ?? '').slice(0, 50) });
    } else if (last.get(p.name) !== p.state) {
      last.set(p.name, p.state);
      out.progress(`image ${p.name}: ${p.state}${p.error ? ` (${p.error})` : ''}`);
    }
  };
  try {
    const tags = await ensureImages(docker, wanted, onProgress);
    multi?.stop();
    out.result(
      Object.entries(tags)
        .map(([n, t]) => `${n.padEnd(12)} ${t}`)
        .join('\n') + `\n(${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    return 0;
  } finally {
    multi?.stop();
  }
}

export async function cmdDoctor(out: Output): Promise<number> {
  const json = out.json;
  const docker = connectDocker();
  const address = engineAddress();
  let ok = true;
  const report: Record<string, unknown> = { engine: address.display };
  try {
    const v = await pingEngine(docker, address);
    report.version = v.version;
    const images = await imagesStatus(docker);
    const leftovers = await listLeftovers(docker);
    report.images = images;
    report.leftovers = leftovers.map((c) => c.Names[0]);
    if (json) {
      out.data({ type: 'result', ok: true, ...report });
      return 0;
    }
    const lines = [`engine:    reachable at ${address.display} (Docker ${v.version})`];
    for (const i of images)
      lines.push(
        `image:     ${i.name.padEnd(12)} ${i.present ? 'present' : 'missing (built on first use, or: chaoslab images build)'}  ${i.tag}`,
      );
    lines.push(
      `leftovers: ${leftovers.length}${leftovers.length ? ` (remove with: chaoslab cleanup) ${leftovers.map((c) => c.Names[0]).join(', ')}` : ''}`,
    );
    out.result(lines.join('\n'));
  } catch (e) {
    ok = false;
    const msg = e instanceof Error ? e.message : String(e);
    if (json) out.data({ type: 'result', ok: false, engine: address.display, error: msg });
    else out.result(`engine:    NOT reachable. ${msg}`);
  }
  return ok ? 0 : 3;
}

export async function cmdCleanup(out: Output, all: boolean): Promise<number> {
  const docker = connectDocker();
  await pingEngine(docker);
  const r = await reap(docker, { all });
  out.result(
    `removed ${r.containers.length} containers and ${r.networks.length} networks labelled io.chaoslab.managed=true${r.containers.length ? `: ${r.containers.join(', ')}` : ''}`,
  );
  return 0;
}
