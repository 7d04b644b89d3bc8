// A second Docker engine reached over DOCKER_HOST=tcp://127.0.0.1:PORT: the whole run
// (images present there, containers, workload, probes, faults, teardown) happens on that
// engine, none of it on the default one. Needs root and a dockerd binary; skipped otherwise.
//
// The second engine runs with --iptables=false (two engines must not both manage the
// DOCKER chains). On a host where the first engine set the FORWARD policy to DROP and
// bridged traffic goes through iptables, that engine's containers cannot reach each other
// (HAProxy never sees its backends): the test then accepts traffic inside the second
// engine's address pool in DOCKER-USER (the chain Docker leaves to users) and removes the
// rule afterwards.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Docker from 'dockerode';
import { connectDocker } from '../engine/docker/connection';
import { ensureBaseImage, ensureImages, BASE_IMAGE } from '../engine/docker/images';
import { managedFilter } from '../engine/docker/labels';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const example = path.resolve(__dirname, '../../examples/split-stores.yaml');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const runnable =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  has('dockerd') &&
  has('docker') &&
  has('iptables');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function sh(cmd: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string } {
  const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', env, timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let root = '';
let port = 0;
let dockerd: ChildProcess | undefined;
let second: Docker;
let rule: string | undefined;
const pool = `10.${200 + Math.floor(Math.random() * 50)}.0.0/16`;
// Its own bridge: with --bridge=none, dockerd deletes the host's docker0 at start-up, which
// breaks the main engine's default network (and every image build) for everyone else.
const bridge = `clab${Math.floor(Math.random() * 0xffff).toString(16)}`;
const bridgeNet = `10.199.${Math.floor(Math.random() * 250)}`;

function docker0Exists(): boolean {
  return sh('ip link show docker0').code === 0;
}

beforeAll(async () => {
  if (!runnable) return;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-engine2-'));
  port = await freePort();
  const tag = path.basename(root).replace(/[^a-zA-Z0-9]/g, '');
  const br = sh(
    `ip link add ${bridge} type bridge && ip addr add ${bridgeNet}.1/24 dev ${bridge} && ip link set ${bridge} up`,
  );
  expect(br.code, br.out).toBe(0);
  dockerd = spawn(
    'dockerd',
    [
      `--data-root=${root}/data`,
      `--exec-root=${root}/exec`,
      `--pidfile=${root}/docker.pid`,
      `-H=tcp://127.0.0.1:${port}`,
      `--bridge=${bridge}`,
      '--iptables=false',
      `--containerd-namespace=${tag}`,
      `--containerd-plugins-namespace=${tag}p`,
      `--default-address-pool=base=${pool},size=24`,
    ],
    { stdio: ['ignore', fs.openSync(`${root}/dockerd.log`, 'a'), fs.openSync(`${root}/dockerd.log`, 'a')] },
  );
  second = new Docker({ host: '127.0.0.1', port, protocol: 'http' });
  const t0 = Date.now();
  for (;;) {
    try {
      await second.version();
      break;
    } catch {
      if (Date.now() - t0 > 60_000)
        throw new Error(
          `the second dockerd did not start:\n${fs.readFileSync(`${root}/dockerd.log`, 'utf8').slice(-2000)}`,
        );
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  // Bridged traffic filtered with a DROP policy: let the second engine's pool through.
  const forwardDrops = /-P FORWARD DROP/.test(sh('iptables -S FORWARD').out);
  const bridged =
    fs.existsSync('/proc/sys/net/bridge/bridge-nf-call-iptables') &&
    fs.readFileSync('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').trim() === '1';
  if (forwardDrops && bridged && sh('iptables -S DOCKER-USER').code === 0) {
    rule = `DOCKER-USER -s ${pool} -d ${pool} -j ACCEPT`;
    expect(sh(`iptables -I ${rule}`).code).toBe(0);
  }
  // The images, from the default engine (built there if missing): the second engine has no
  // network to pull or install from.
  const first = connectDocker();
  await ensureBaseImage(first);
  const tags = await ensureImages(first, ['service', 'haproxy'], () => undefined);
  const load = sh(
    `docker save ${BASE_IMAGE} ${tags.service} ${tags.haproxy} | docker -H tcp://127.0.0.1:${port} load`,
  );
  expect(load.code, load.out).toBe(0);
}, 600_000);

afterAll(async () => {
  if (!runnable) return;
  if (rule) sh(`iptables -D ${rule}`);
  if (dockerd?.pid && dockerd.exitCode === null) {
    const exited = new Promise((r) => dockerd!.once('exit', r));
    dockerd.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  sh(`umount -R ${root}/exec 2>/dev/null; umount -R ${root}/data 2>/dev/null; true`);
  sh(`ip link del ${bridge} 2>/dev/null; true`);
  fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}, 120_000);

describe.skipIf(!runnable)('a second engine over DOCKER_HOST=tcp://127.0.0.1:PORT', () => {
  it('leaves the main engine’s docker0 bridge alone', () => {
    expect(docker0Exists()).toBe(true);
  });

  it('runs examples/split-stores.yaml end to end there: same verdict and counts, nothing left on either engine', async () => {
    const r = spawnSync(process.execPath, [bin, 'run', example, '--json', '--out', path.join(root, 'run')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DOCKER_HOST: `tcp://127.0.0.1:${port}`,
        CHAOSLAB_RUNS_DIR: path.join(root, 'runs'),
      },
      timeout: 300_000,
    });
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const result = lines[lines.length - 1];
    expect(result, r.stderr).toMatchObject({
      type: 'result',
      status: 'completed',
      exitCode: 1,
      verdict: { valid: false },
    });
    expect((result.stores as { rows: number }[]).map((s) => s.rows).sort()).toEqual([2, 3]);
    expect(result.ops).toEqual({ invoked: 9, ok: 9, fail: 0, info: 0 });
    const runId = String(result.runId);
    // Everything happened on the second engine, and it is all gone.
    const created = lines.filter((l) => l.type === 'container' && l.action === 'create').length;
    expect(created).toBe(3);
    expect((await second.listContainers({ all: true })).length).toBe(0);
    expect((await second.listNetworks({ filters: managedFilter(runId) })).length).toBe(0);
    expect((await connectDocker().listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(
      0,
    );
  });
});
