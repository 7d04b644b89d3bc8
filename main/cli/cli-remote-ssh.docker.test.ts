// The engine reached over ssh as the docker CLI does for DOCKER_HOST=ssh://root@127.0.0.1:PORT:
// `docker system dial-stdio` run through a throwaway sshd (cli/throwaway-sshd.fixture.ts) on
// this machine, so the engine behind it is the main one. Credentials: CHAOSLAB_SSH_KEY, the
// default ~/.ssh/id_ed25519, or an ssh-agent the test starts; host keys from ~/.ssh/known_hosts
// (HOME is a temp dir for each case). Needs root, openssh-server (/usr/sbin/sshd) and the
// docker CLI; skipped otherwise.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { connectDocker } from '../engine/docker/connection';
import { ensureBaseImage, ensureImages } from '../engine/docker/images';
import { managedFilter } from '../engine/docker/labels';
import { ThrowawaySshd, sshdRunnable as runnable } from './throwaway-sshd.fixture';
import { expectSplitStoresResult } from './second-engine.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const sshd = new ThrowawaySshd();
let clientKey = '';
let strangerKey = '';
let noDockerKey = '';

/** A HOME for the lab process: ~/.ssh/known_hosts listing the sshd, and the given key files. */
function home(name: string, o: { knownHosts?: boolean; keys?: Record<string, string> } = {}): string {
  const dir = path.join(sshd.dir, 'homes', name);
  fs.mkdirSync(path.join(dir, '.ssh'), { recursive: true, mode: 0o700 });
  if (o.knownHosts !== false)
    fs.writeFileSync(path.join(dir, '.ssh', 'known_hosts'), `${sshd.knownHostsLine()}\n`);
  for (const [to, from] of Object.entries(o.keys ?? {}))
    fs.copyFileSync(from, path.join(dir, '.ssh', to), fs.constants.COPYFILE_EXCL);
  return dir;
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const base = { ...process.env };
  delete base.SSH_AUTH_SOCK;
  delete base.CHAOSLAB_SSH_KEY;
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {
      ...base,
      DOCKER_HOST: `ssh://root@127.0.0.1:${sshd.port}`,
      CHAOSLAB_RUNS_DIR: path.join(sshd.dir, 'runs'),
      ...env,
    },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

const sessions = () => (sshd.log.match(/Starting session: command for root/g) ?? []).length;

beforeAll(async () => {
  if (!runnable) return;
  await sshd.start();
  clientKey = sshd.newKey('client');
  strangerKey = sshd.newKey('stranger');
  noDockerKey = sshd.newKey('no-docker');
  sshd.authorize(clientKey);
  // A login whose commands cannot find docker, as on a host without the docker CLI.
  sshd.authorize(noDockerKey, `command="echo 'sh: 1: docker: not found' >&2; exit 127"`);
  const docker = connectDocker({});
  await ensureBaseImage(docker);
  await ensureImages(docker, ['service', 'haproxy'], () => undefined);
}, 600_000);

afterAll(async () => {
  if (!runnable) return;
  const { sshd: pid, agent } = sshd.pids;
  await sshd.stop();
  expect(ThrowawaySshd.alive(pid)).toBe(false);
  expect(ThrowawaySshd.alive(agent)).toBe(false);
}, 60_000);

describe.skipIf(!runnable)(
  'DOCKER_HOST=ssh://root@127.0.0.1:PORT (docker system dial-stdio over ssh)',
  () => {
    it('doctor reaches the engine with the key in CHAOSLAB_SSH_KEY: version printed, exit 0', () => {
      const before = sessions();
      const r = cli(['doctor'], { HOME: home('explicit-key'), CHAOSLAB_SSH_KEY: clientKey });
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(
        new RegExp(`engine: +reachable at ssh://root@127\\.0\\.0\\.1:${sshd.port} \\(Docker \\d+\\.\\d+`),
      );
      expect(sessions()).toBeGreaterThan(before);
      console.log(`doctor over ssh (CHAOSLAB_SSH_KEY): ${r.ms} ms`);
    });

    it('doctor reaches it with the default key file ~/.ssh/id_ed25519', () => {
      const r = cli(['doctor'], { HOME: home('default-key', { keys: { id_ed25519: clientKey } }) });
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(/engine: +reachable at ssh:/);
    });

    it('DOCKER_HOST=ssh://ALIAS: ~/.ssh/config gives its HostName, User, Port and IdentityFile; a ProxyJump is refused in one line', () => {
      const dir = home('config-alias', { keys: { lab_key: clientKey } });
      fs.writeFileSync(
        path.join(dir, '.ssh', 'config'),
        `Host chaos-engine\n  HostName 127.0.0.1\n  User root\n  Port ${sshd.port}\n  IdentityFile ~/.ssh/lab_key\nHost via-bastion\n  ProxyJump bastion.invalid\n`,
      );
      const r = cli(['doctor'], { HOME: dir, DOCKER_HOST: 'ssh://chaos-engine' });
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(/engine: +reachable at ssh:\/\/chaos-engine \(Docker \d+\.\d+/);
      const j = cli(['doctor'], { HOME: dir, DOCKER_HOST: 'ssh://via-bastion' });
      expect(j.code).toBe(3);
      expect(j.out + j.err).toMatch(
        /~\/\.ssh\/config reaches via-bastion through ProxyJump bastion\.invalid, which the lab does not follow/,
      );
    });

    it('runs split-stores through ssh-agent: completed, same verdict and counts, nothing left behind', async () => {
      const agent = await sshd.startAgent([clientKey]);
      const before = sessions();
      const r = cli(['run', 'split-stores', '--json', '--out', path.join(sshd.dir, 'run')], {
        HOME: home('agent'),
        SSH_AUTH_SOCK: agent,
      });
      const { result } = expectSplitStoresResult(r.out, r.err);
      expect(r.err).not.toMatch(/MaxListenersExceeded/);
      // It went through the sshd: one login, several dial-stdio sessions on it.
      expect(sessions() - before).toBeGreaterThan(1);
      const runId = String(result.runId);
      const docker = connectDocker({});
      expect((await docker.listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(0);
      expect((await docker.listNetworks({ filters: managedFilter(runId) })).length).toBe(0);
      console.log(`split-stores over ssh (agent): ${r.ms} ms, ${sessions() - before} dial-stdio sessions`);
    });

    it('no credentials at all: exit 3, one line naming ssh-agent, ~/.ssh/id_ed25519 and CHAOSLAB_SSH_KEY', () => {
      const r = cli(['run', 'split-stores'], { HOME: home('nothing') });
      expect(r.code).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(
        /no ssh credentials for DOCKER_HOST=ssh:\/\/root@127\.0\.0\.1:\d+: .*CHAOSLAB_SSH_KEY/,
      );
    });

    it('a host not in ~/.ssh/known_hosts is refused: exit 3, one line naming the ssh command that adds it', () => {
      const r = cli(['doctor'], {
        HOME: home('unknown-host', { knownHosts: false }),
        CHAOSLAB_SSH_KEY: clientKey,
      });
      expect(r.code).toBe(3);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out).toMatch(
        new RegExp(
          `is not in ~/.ssh/known_hosts: connect once with 'ssh -p ${sshd.port} root@127\\.0\\.0\\.1'`,
        ),
      );
    });

    it('a key the host does not accept: exit 3, one line saying what was tried', () => {
      const r = cli(['run', 'split-stores'], { HOME: home('stranger'), CHAOSLAB_SSH_KEY: strangerKey });
      expect(r.code).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(
        /ssh login as root@127\.0\.0\.1:\d+ refused \(tried: key .*stranger \(CHAOSLAB_SSH_KEY\)\)/,
      );
    });

    it('no docker on the ssh host: exit 3, one line with what the host said', () => {
      const r = cli(['run', 'split-stores'], { HOME: home('no-docker'), CHAOSLAB_SSH_KEY: noDockerKey });
      expect(r.code).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(
        /'docker system dial-stdio' on root@127\.0\.0\.1:\d+ failed \(exit 127\): sh: 1: docker: not found/,
      );
    });
  },
);
