// A second Docker engine that only speaks TLS and wants a client certificate (dockerd
// --tlsverify), reached as the docker CLI does: DOCKER_HOST=tcp://127.0.0.1:PORT,
// DOCKER_TLS_VERIFY=1, DOCKER_CERT_PATH=DIR holding ca.pem, cert.pem, key.pem. The CA, the
// engine's certificate (subjectAltName IP:127.0.0.1) and the client's are made with openssl
// for this test. Needs root, dockerd and openssl; skipped otherwise.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { connectDocker } from '../engine/docker/connection';
import { managedFilter } from '../engine/docker/labels';
import {
  SecondEngine,
  secondEngineRunnable,
  docker0Exists,
  expectSplitStoresResult,
  sh,
} from './second-engine.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const example = path.resolve(__dirname, '../../examples/split-stores.yaml');
const runnable = secondEngineRunnable && sh('command -v openssl').code === 0;

const engine = new SecondEngine();
let pki = '';

function openssl(args: string): void {
  const r = sh(`cd '${pki}' && openssl ${args}`);
  if (r.code !== 0) throw new Error(`openssl ${args}: ${r.out}`);
}

/** A CA, and a key + certificate signed by it for each of `leaves` (name -> x509 extensions). */
function makePki(): void {
  const key = (name: string) => openssl(`ecparam -genkey -name prime256v1 -noout -out ${name}-key.pem`);
  for (const ca of ['ca', 'other-ca']) {
    key(ca);
    openssl(
      `req -x509 -new -key ${ca}-key.pem -sha256 -days 2 -subj "/CN=chaoslab test ${ca}" -out ${ca}.pem`,
    );
  }
  const leaf = (name: string, cn: string, ext: string) => {
    key(name);
    openssl(`req -new -key ${name}-key.pem -subj "/CN=${cn}" -out ${name}.csr`);
    fs.writeFileSync(path.join(pki, `${name}.ext`), ext);
    openssl(
      `x509 -req -in ${name}.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -sha256 -extfile ${name}.ext -out ${name}-cert.pem`,
    );
  };
  leaf('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  leaf('client', 'chaoslab-client', 'extendedKeyUsage=clientAuth\n');
  // DOCKER_CERT_PATH directories, as the docker CLI expects them.
  const dir = (name: string, files: Record<string, string>) => {
    fs.mkdirSync(path.join(pki, name));
    for (const [to, from] of Object.entries(files))
      fs.copyFileSync(path.join(pki, from), path.join(pki, name, to));
  };
  dir('client-dir', { 'ca.pem': 'ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' });
  dir('wrong-ca', { 'ca.pem': 'other-ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' });
  dir('no-client-cert', { 'ca.pem': 'ca.pem' });
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHAOSLAB_RUNS_DIR: path.join(pki, 'runs'), ...env },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr, ms: Date.now() - t0 };
}

beforeAll(async () => {
  if (!runnable) return;
  pki = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-tls-'));
  makePki();
  await engine.start(
    [
      '--tlsverify',
      `--tlscacert=${pki}/ca.pem`,
      `--tlscert=${pki}/server-cert.pem`,
      `--tlskey=${pki}/server-key.pem`,
    ],
    { certPath: path.join(pki, 'client-dir') },
  );
  await engine.loadSplitStoresImages();
}, 600_000);

afterAll(async () => {
  if (!runnable) return;
  await engine.cleanup();
  fs.rmSync(pki, { recursive: true, force: true });
}, 120_000);

describe.skipIf(!runnable)(
  'a second engine over TLS: DOCKER_HOST=tcp://127.0.0.1:PORT, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH',
  () => {
    const tlsEnv = () => ({
      DOCKER_HOST: engine.host,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: path.join(pki, 'client-dir'),
    });

    it('doctor reaches it: engine version printed, exit 0', () => {
      const r = cli(['doctor'], tlsEnv());
      expect(r.code, r.out + r.err).toBe(0);
      expect(r.out).toMatch(
        new RegExp(
          `engine: +reachable at tcp://127\\.0\\.0\\.1:${engine.port} \\(TLS\\) \\(Docker \\d+\\.\\d+`,
        ),
      );
      console.log(`doctor over TLS: ${r.ms} ms`);
    });

    it('runs examples/split-stores.yaml end to end over TLS: same verdict and counts, nothing left on either engine', async () => {
      const r = cli(['run', example, '--json', '--out', path.join(pki, 'run')], tlsEnv());
      const { lines, result } = expectSplitStoresResult(r.out, r.err);
      const runId = String(result.runId);
      expect(lines.filter((l) => l.type === 'container' && l.action === 'create').length).toBe(3);
      expect((await engine.docker.listContainers({ all: true })).length).toBe(0);
      expect((await engine.docker.listNetworks({ filters: managedFilter(runId) })).length).toBe(0);
      expect(
        (await connectDocker({}).listContainers({ all: true, filters: managedFilter(runId) })).length,
      ).toBe(0);
      console.log(`split-stores.yaml over TLS: ${r.ms} ms`);
    });

    it('without DOCKER_TLS_VERIFY: exit 3 and one line saying to set it', () => {
      const env = {
        DOCKER_HOST: engine.host,
        DOCKER_CERT_PATH: path.join(pki, 'client-dir'),
        DOCKER_TLS_VERIFY: '',
      };
      const run = cli(['run', example], env);
      expect(run.code).toBe(3);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.err).toMatch(/speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH/);
      const doctor = cli(['doctor'], env);
      expect(doctor.code).toBe(3);
      expect(doctor.out.trim().split('\n')).toHaveLength(1);
      expect(doctor.out).toMatch(/NOT reachable\. The engine at tcp:\/\/127\.0\.0\.1:\d+ speaks TLS/);
    });

    it('with a ca.pem that did not sign the engine’s certificate: exit 3, one line naming ca.pem', () => {
      const r = cli(['run', example], { ...tlsEnv(), DOCKER_CERT_PATH: path.join(pki, 'wrong-ca') });
      expect(r.code).toBe(3);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(
        /showed a TLS certificate that .*wrong-ca\/ca\.pem did not sign \([A-Z_]+\): put the CA/,
      );
    });

    it('with no client certificate: exit 3, one line naming cert.pem and key.pem', () => {
      const r = cli(['doctor'], { ...tlsEnv(), DOCKER_CERT_PATH: path.join(pki, 'no-client-cert') });
      expect(r.code).toBe(3);
      expect(r.out.trim().split('\n')).toHaveLength(1);
      expect(r.out, r.err).toMatch(/refused the client certificate .*must hold cert\.pem and key\.pem/);
    });

    it('leaves the main engine’s docker0 bridge alone', () => {
      expect(docker0Exists()).toBe(true);
    });
  },
);
