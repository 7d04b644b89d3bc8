// A second Docker engine on a loopback TCP port, for tests that must not touch the main
// engine (its unix socket is shared with other tests and developers). It gets its own
// data-root, exec-root, pidfile, containerd namespaces and ITS OWN BRIDGE (never
// --bridge=none: dockerd then deletes the host's docker0), runs with --iptables=false, and,
// where the FORWARD policy drops bridged traffic, a DOCKER-USER ACCEPT rule for its address
// pool. Images are copied over from the main engine with docker save | docker load.
// Needs root, dockerd, docker and iptables (see secondEngineRunnable).
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import Docker from 'dockerode';
import { expect } from 'vitest';
import { connectDocker } from '../engine/docker/connection';
import { ensureBaseImage, ensureImages, BASE_IMAGE } from '../engine/docker/images';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export const secondEngineRunnable =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  has('dockerd') &&
  has('docker') &&
  has('iptables');

export function sh(cmd: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string } {
  const r = spawnSync('sh', ['-c', cmd], { encoding: 'utf8', env, timeout: 300_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

export function docker0Exists(): boolean {
  return sh('ip link show docker0').code === 0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Client-side TLS for an engine started with --tlsverify: a dir with ca.pem, cert.pem, key.pem. */
export interface ClientTls {
  certPath: string;
}

export class SecondEngine {
  root = '';
  port = 0;
  docker!: Docker;
  /** Environment for the docker CLI (and the lab) to reach this engine. */
  env: NodeJS.ProcessEnv = {};
  private proc?: ChildProcess;
  private args: string[] = [];
  private rule?: string;
  private readonly pool = `10.${200 + Math.floor(Math.random() * 50)}.0.0/16`;
  private readonly bridge = `clab${Math.floor(Math.random() * 0xffff).toString(16)}`;
  private readonly bridgeNet = `10.199.${Math.floor(Math.random() * 250)}`;

  get host(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /**
   * Starts the engine; extraArgs are added to dockerd's own. With `tls` (for an engine started
   * with --tlsverify ...), the fixture's own client and `load` use those client files.
   */
  async start(extraArgs: string[] = [], tls?: ClientTls): Promise<void> {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-engine2-'));
    this.port = await freePort();
    const tag = path.basename(this.root).replace(/[^a-zA-Z0-9]/g, '');
    const br = sh(
      `ip link add ${this.bridge} type bridge && ip addr add ${this.bridgeNet}.1/24 dev ${this.bridge} && ip link set ${this.bridge} up`,
    );
    if (br.code !== 0) throw new Error(`could not create bridge ${this.bridge}: ${br.out}`);
    this.args = [
      `--data-root=${this.root}/data`,
      `--exec-root=${this.root}/exec`,
      `--pidfile=${this.root}/docker.pid`,
      `-H=tcp://127.0.0.1:${this.port}`,
      `--bridge=${this.bridge}`,
      '--iptables=false',
      `--containerd-namespace=${tag}`,
      `--containerd-plugins-namespace=${tag}p`,
      `--default-address-pool=base=${this.pool},size=24`,
      ...extraArgs,
    ];
    this.env = { DOCKER_HOST: this.host };
    if (tls) {
      this.env = { ...this.env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certPath };
      const read = (f: string) => fs.readFileSync(path.join(tls.certPath, f));
      this.docker = new Docker({
        host: '127.0.0.1',
        port: this.port,
        protocol: 'https',
        ca: read('ca.pem'),
        cert: read('cert.pem'),
        key: read('key.pem'),
      });
    } else this.docker = new Docker({ host: '127.0.0.1', port: this.port, protocol: 'http' });
    await this.launch();
    // Bridged traffic filtered with a DROP policy: let the second engine's pool through.
    const forwardDrops = /-P FORWARD DROP/.test(sh('iptables -S FORWARD').out);
    const bridged =
      fs.existsSync('/proc/sys/net/bridge/bridge-nf-call-iptables') &&
      fs.readFileSync('/proc/sys/net/bridge/bridge-nf-call-iptables', 'utf8').trim() === '1';
    if (forwardDrops && bridged && sh('iptables -S DOCKER-USER').code === 0) {
      const rule = `DOCKER-USER -s ${this.pool} -d ${this.pool} -j ACCEPT`;
      const r = sh(`iptables -I ${rule}`);
      if (r.code !== 0) throw new Error(`iptables: ${r.out}`);
      this.rule = rule;
    }
  }

  private async launch(): Promise<void> {
    const log = `${this.root}/dockerd.log`;
    this.proc = spawn('dockerd', this.args, {
      stdio: ['ignore', fs.openSync(log, 'a'), fs.openSync(log, 'a')],
    });
    const t0 = Date.now();
    for (;;) {
      try {
        await this.docker.version();
        return;
      } catch {
        if (Date.now() - t0 > 60_000)
          throw new Error(`the second dockerd did not start:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  /** SIGTERM to the second dockerd; resolves once it has exited (or after timeoutMs). */
  async stopDaemon(timeoutMs = 60_000): Promise<void> {
    const p = this.proc;
    if (!p?.pid || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, timeoutMs))]);
  }

  /**
   * Restarts the second dockerd with the same arguments. Its network store is dropped first:
   * started again over a data-root holding networks, dockerd deletes the HOST's docker0
   * (seen with --bridge=<own bridge>), breaking the main engine for everyone. The run's
   * containers survive the restart; its network does not (they cannot be started again).
   */
  async restart(): Promise<void> {
    await this.stopDaemon();
    fs.rmSync(`${this.root}/data/network/files/local-kv.db`, { force: true });
    await this.launch();
  }

  /** Copies images from the main engine. */
  /**
   * Loads what split-stores needs (the base, service and haproxy images), built on the default
   * engine if missing: the second engine has no network to pull or install from.
   */
  async loadSplitStoresImages(): Promise<void> {
    const first = connectDocker({});
    await ensureBaseImage(first);
    const tags = await ensureImages(first, ['service', 'haproxy'], () => undefined);
    this.load([BASE_IMAGE, tags.service, tags.haproxy]);
  }

  load(images: string[]): void {
    const to = Object.entries(this.env)
      .map(([k, v]) => `${k}='${v}'`)
      .join(' ');
    const r = sh(`docker save ${images.join(' ')} | env ${to} docker load`);
    if (r.code !== 0) throw new Error(`docker load: ${r.out}`);
  }

  /** Everything undone: the daemon, the rule, mounts, the bridge, the temp dir. */
  async cleanup(): Promise<void> {
    if (this.rule) sh(`iptables -D ${this.rule}`);
    this.rule = undefined;
    await this.stopDaemon(30_000);
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
    if (this.root) {
      sh(`umount -R ${this.root}/exec 2>/dev/null; umount -R ${this.root}/data 2>/dev/null; true`);
      fs.rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
    }
    sh(`ip link del ${this.bridge} 2>/dev/null; true`);
  }
}

/**
 * The --json output of `chaoslab run` of split-stores (or examples/split-stores.yaml) with its
 * defaults: every line, and the result line checked (invalid, stores 2 and 3, 9 of 9 ops ok).
 */
export function expectSplitStoresResult(
  stdout: string,
  stderr: string,
): { lines: Record<string, unknown>[]; result: Record<string, unknown> } {
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const result = lines[lines.length - 1];
  expect(result, stderr).toMatchObject({
    type: 'result',
    status: 'completed',
    exitCode: 1,
    verdict: { valid: false },
  });
  expect((result.stores as { rows: number }[]).map((x) => x.rows).sort()).toEqual([2, 3]);
  expect(result.ops).toEqual({ invoked: 9, ok: 9, fail: 0, info: 0 });
  return { lines, result };
}
