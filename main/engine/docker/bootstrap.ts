// Makes a Docker engine available: if none answers and this is Linux with root and apt,
// installs Debian's docker.io and starts dockerd in the background; otherwise says what to do.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type Docker from 'dockerode';
import { LabError } from '../errors';
import { engineAddress, pingEngine, unavailableHint } from './connection';

export interface BootstrapResult {
  action: 'already-running' | 'started' | 'installed-and-started';
  version: string;
  ms: number;
}

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export async function ensureEngine(
  docker: Docker,
  log: (line: string) => void = () => undefined,
): Promise<BootstrapResult> {
  const started = Date.now();
  try {
    const v = await pingEngine(docker);
    return { action: 'already-running', version: v.version, ms: Date.now() - started };
  } catch {
    // fall through
  }
  const address = engineAddress();
  const local = !process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith('unix://');
  const canManage = process.platform === 'linux' && local && process.getuid?.() === 0 && have('apt-get');
  if (!canManage) throw new LabError('DOCKER_UNAVAILABLE', unavailableHint(address));
  let installed = false;
  if (!have('dockerd')) {
    log('installing Debian docker.io (apt-get) ...');
    const upd = spawnSync('apt-get', ['update', '-q'], { stdio: 'pipe', encoding: 'utf8' });
    const r = spawnSync('apt-get', ['install', '-y', '-q', 'docker.io'], {
      stdio: 'pipe',
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) {
      throw new LabError(
        'DOCKER_UNAVAILABLE',
        `could not install docker.io with apt-get (exit ${r.status}); install Docker and start it`,
        true,
        `${upd.stderr ?? ''}${r.stderr ?? ''}`.slice(-2000),
      );
    }
    installed = true;
  }
  log('starting dockerd in the background (log: /var/log/chaoslab-dockerd.log) ...');
  const out = fs.openSync('/var/log/chaoslab-dockerd.log', 'a');
  const child = spawn('dockerd', [], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  const deadline = Date.now() + 60_000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const v = await pingEngine(docker);
      return {
        action: installed ? 'installed-and-started' : 'started',
        version: v.version,
        ms: Date.now() - started,
      };
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new LabError(
    'DOCKER_UNAVAILABLE',
    'dockerd did not answer within 60 s; see /var/log/chaoslab-dockerd.log',
    true,
    lastError,
  );
}
