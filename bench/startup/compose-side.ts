// The peer: `docker-compose up -d` of the same containers, then the lab's own readiness
// checks (wait.ts, same strategies and back-off) polled for every container at once, as a
// person would after `up -d` returns. `down` always runs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import type { ContainerSpec } from '../../main/engine/scenario';
import { waitReady } from '../../main/engine/docker/wait';
import { currentOwner } from '../../main/engine/docker/reaper';
import { composeFile } from './compose-file';
import { atInterrupt } from '../lib/interrupt';

export interface CmdResult {
  code: number;
  out: string;
  ms: number;
}

/** Runs a command with a hard time limit; never throws. */
export function runCmd(cmd: string, args: string[], timeoutMs: number, cwd?: string): Promise<CmdResult> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: -1, out: out + e.message, ms: performance.now() - t0 });
    });
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, ms: performance.now() - t0 });
    });
  });
}

export interface ComposeTiming {
  /** From `up -d` to every container ready. */
  totalMs: number;
  /** How long `up -d` itself took. */
  upMs: number;
  readyMs: Record<string, number>;
}

async function containersOf(docker: Docker, project: string): Promise<Map<string, Docker.ContainerInfo>> {
  const list = await docker.listContainers({
    all: true,
    filters: { label: [`com.docker.compose.project=${project}`] },
  });
  return new Map(list.map((c) => [c.Labels['com.docker.compose.service'], c]));
}

export async function composeStartup(
  docker: Docker,
  specs: readonly ContainerSpec[],
  tags: Record<string, string>,
  timeoutMs: number,
): Promise<ComposeTiming> {
  const project = `chaoslabbench${process.pid}${Math.random().toString(36).slice(2, 8)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-bench-compose-'));
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, await composeFile(specs, tags, project, currentOwner()));
  const base = ['-p', project, '-f', file];
  const abort = new AbortController();
  const limit = setTimeout(() => abort.abort(), timeoutMs);
  const down = () =>
    runCmd('docker-compose', [...base, 'down', '-v', '--remove-orphans', '-t', '0'], 120_000, dir);
  const unregister = atInterrupt(down);
  try {
    const t0 = performance.now();
    const up = await runCmd('docker-compose', [...base, 'up', '-d', '--no-build'], timeoutMs, dir);
    const upMs = performance.now() - t0;
    if (up.code !== 0) throw new Error(`docker-compose up failed (${up.code}): ${up.out.trim().slice(-800)}`);
    const found = await containersOf(docker, project);
    const readyMs: Record<string, number> = {};
    await Promise.all(
      specs.map(async (s) => {
        const info = found.get(s.name);
        if (!info) throw new Error(`compose made no container for ${s.name}`);
        const c = docker.getContainer(info.Id);
        const ports = new Map<number, number>();
        const published = (await c.inspect()).NetworkSettings.Ports ?? {};
        for (const [k, v] of Object.entries(published))
          if (v?.[0]?.HostPort) ports.set(Number(k.split('/')[0]), Number(v[0].HostPort));
        await waitReady(
          {
            container: c,
            name: s.name,
            endpoint: (port) => {
              const hp = ports.get(port);
              if (!hp) throw new Error(`${s.name}: port ${port} not published`);
              return { host: '127.0.0.1', port: hp };
            },
            isRunning: async () => (await c.inspect()).State.Running === true,
          },
          s.wait,
          abort.signal,
        );
        readyMs[s.name] = Math.round(performance.now() - t0);
      }),
    );
    return { totalMs: performance.now() - t0, upMs, readyMs };
  } finally {
    clearTimeout(limit);
    unregister();
    const r = await down();
    if (r.code !== 0) process.stderr.write(`docker-compose down failed: ${r.out.slice(-400)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
