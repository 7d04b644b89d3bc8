// A throwaway OpenSSH server for tests, on a random loopback port: its own config file (-f),
// host key, pid file and authorized_keys in a temp dir, key logins only (root allowed with a
// key: PermitRootLogin prohibit-password). The system's ssh configuration is not read or
// changed; the one shared thing is sshd's privilege separation directory /run/sshd, created
// (empty, 0755, as the openssh-server package does) when missing and left in place.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './second-engine.fixture';

const SSHD = '/usr/sbin/sshd';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export const sshdRunnable =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  fs.existsSync(SSHD) &&
  has('ssh-keygen') &&
  has('ssh-agent') &&
  has('ssh-add') &&
  has('docker');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

export class ThrowawaySshd {
  dir = '';
  port = 0;
  private proc?: ChildProcess;
  private agent?: ChildProcess;

  get log(): string {
    return fs.existsSync(`${this.dir}/sshd.log`) ? fs.readFileSync(`${this.dir}/sshd.log`, 'utf8') : '';
  }

  /** A new unencrypted ed25519 key pair in the temp dir; returns the private key's path. */
  newKey(name: string): string {
    const file = path.join(this.dir, name);
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `chaoslab-test-${name}`, '-f', file]);
    return file;
  }

  /** Lets `key` log in as root; `options` as in authorized_keys (e.g. command="..."). */
  authorize(key: string, options = ''): void {
    const pub = fs.readFileSync(`${key}.pub`, 'utf8').trim();
    fs.appendFileSync(path.join(this.dir, 'authorized_keys'), `${options ? `${options} ` : ''}${pub}\n`);
  }

  /** The known_hosts line for this server, as ssh would record it. */
  knownHostsLine(): string {
    const [type, b64] = fs.readFileSync(path.join(this.dir, 'host_key.pub'), 'utf8').trim().split(/\s+/);
    return `[127.0.0.1]:${this.port} ${type} ${b64}`;
  }

  async start(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-sshd-'));
    this.port = await freePort();
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(this.dir, 'host_key')]);
    fs.writeFileSync(path.join(this.dir, 'authorized_keys'), '', { mode: 0o600 });
    const config = path.join(this.dir, 'sshd_config');
    fs.writeFileSync(
      config,
      [
        `Port ${this.port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${this.dir}/host_key`,
        `PidFile ${this.dir}/sshd.pid`,
        `AuthorizedKeysFile ${this.dir}/authorized_keys`,
        'PermitRootLogin prohibit-password',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        // The temp dir sits in /tmp (mode 1777), which StrictModes refuses for key files.
        'StrictModes no',
        'LogLevel VERBOSE',
        '',
      ].join('\n'),
    );
    fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    run(SSHD, ['-t', '-f', config]);
    const log = fs.openSync(`${this.dir}/sshd.log`, 'a');
    // -D: stays in the foreground (a child of this process), -e: logs to stderr.
    this.proc = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', log, log] });
    const t0 = Date.now();
    while (!/Server listening on 127\.0\.0\.1/.test(this.log)) {
      if (this.proc.exitCode !== null || Date.now() - t0 > 10_000)
        throw new Error(`sshd did not start:\n${this.log}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** An ssh-agent (in the foreground: a child of this process) holding `keys`; returns its socket. */
  async startAgent(keys: string[]): Promise<string> {
    const sock = path.join(this.dir, 'agent.sock');
    this.agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    const t0 = Date.now();
    while (!fs.existsSync(sock)) {
      if (this.agent.exitCode !== null || Date.now() - t0 > 10_000)
        throw new Error('ssh-agent did not start');
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const k of keys) run('ssh-add', ['-q', k], { ...process.env, SSH_AUTH_SOCK: sock });
    return sock;
  }

  /** Whether a process still runs (a zombie does not). */
  static alive(pid: number | undefined): boolean {
    if (!pid) return false;
    try {
      return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  }

  get pids(): { sshd?: number; agent?: number } {
    return { sshd: this.proc?.pid, agent: this.agent?.pid };
  }

  async stop(): Promise<void> {
    for (const p of [this.agent, this.proc]) {
      if (!p?.pid || p.exitCode !== null || p.signalCode !== null) continue;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    }
    if (this.dir) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
