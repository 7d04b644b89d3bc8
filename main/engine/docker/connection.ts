// The engine address, read like the docker CLI does: DOCKER_HOST (unix://, npipe://, tcp://,
// ssh://), and for tcp:// the TLS settings DOCKER_TLS_VERIFY (any non-empty value: TLS, the
// engine's certificate checked against ca.pem), DOCKER_TLS (TLS, not checked) and
// DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem; default ~/.docker). ssh:// runs
// `docker system dial-stdio` on the host (see ssh-dial-agent.ts).
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { LabError } from '../errors';
import { SshDialError, sshTargetOf } from './ssh-auth';
import { SshDialAgent } from './ssh-dial-agent';

export interface EngineAddress {
  /** What to show a person. */
  display: string;
  /** Host name where published ports are reached (loopback for a local engine). */
  publishHost: string;
  kind: 'socket' | 'tcp' | 'ssh';
  /** tcp:// with TLS: whether the engine's certificate is checked, and where the files are. */
  tls?: { verify: boolean; certPath: string };
}

function tlsSettings(env: NodeJS.ProcessEnv): EngineAddress['tls'] {
  const verify = !!env.DOCKER_TLS_VERIFY;
  if (!verify && !env.DOCKER_TLS) return undefined;
  const certPath =
    env.DOCKER_CERT_PATH || env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
  return { verify, certPath };
}

function parseHost(h: string): URL | undefined {
  try {
    return new URL(h.includes('://') ? h : `tcp://${h}`);
  } catch {
    return undefined;
  }
}

export function engineAddress(env: NodeJS.ProcessEnv = process.env): EngineAddress {
  const h = env.DOCKER_HOST;
  const local: EngineAddress = {
    display: h || 'unix:///var/run/docker.sock',
    publishHost: '127.0.0.1',
    kind: 'socket',
  };
  if (!h || h.startsWith('unix://') || h.startsWith('npipe://')) return local;
  const u = parseHost(h);
  const host = u?.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1';
  // Over ssh the published ports are reached at the host ssh logs in to (an alias of
  // ~/.ssh/config resolved to its HostName).
  if (u?.protocol === 'ssh:') return { display: h, publishHost: sshTargetOf(h, env).host, kind: 'ssh' };
  const tls = tlsSettings(env);
  return {
    display: tls ? `${h} (TLS${tls.verify ? '' : ', engine certificate not checked'})` : h,
    publishHost: host,
    kind: 'tcp',
    tls,
  };
}

function readOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LabError('DOCKER_UNAVAILABLE', `cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * A client for the engine DOCKER_HOST names. Throws a LabError (DOCKER_UNAVAILABLE) when the
 * settings cannot work (a DOCKER_HOST that is no address); whether the engine answers is
 * pingEngine's to say.
 */
export function connectDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  const h = env.DOCKER_HOST;
  try {
    if (!h) return dockerFrom();
    if (h.startsWith('unix://') || h.startsWith('npipe://')) {
      const socketPath = h.replace(/^(unix|npipe):\/\//, '');
      return dockerFrom(socketPath ? { socketPath } : undefined);
    }
    const u = parseHost(h);
    if (!u || !u.hostname)
      throw new LabError(
        'DOCKER_UNAVAILABLE',
        `DOCKER_HOST=${h} is no engine address: use unix:///path, tcp://host:port or ssh://user@host[:port]`,
      );
    if (u.protocol === 'ssh:') {
      const target = sshTargetOf(h, env);
      // Plain HTTP over the agent's channels; the agent does the ssh part.
      const options: Docker.DockerOptions & { agent: SshDialAgent } = {
        host: target.host,
        port: target.port,
        protocol: 'http',
        agent: new SshDialAgent(target, env),
      };
      return dockerFrom(options);
    }
    if (u.protocol !== 'tcp:' && u.protocol !== 'http:' && u.protocol !== 'https:')
      throw new LabError(
        'DOCKER_UNAVAILABLE',
        `DOCKER_HOST=${h}: unsupported scheme ${u.protocol} (use unix://, tcp:// or ssh://)`,
      );
    const tls = tlsSettings(env);
    const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!tls) return dockerFrom({ host, port: u.port || 2375, protocol: 'http' });
    const ca = tls.verify ? readOptional(path.join(tls.certPath, 'ca.pem')) : undefined;
    const cert = readOptional(path.join(tls.certPath, 'cert.pem'));
    const key = readOptional(path.join(tls.certPath, 'key.pem'));
    if (tls.verify && !ca && env.DOCKER_CERT_PATH)
      throw new LabError(
        'DOCKER_UNAVAILABLE',
        `DOCKER_TLS_VERIFY is set but ${path.join(tls.certPath, 'ca.pem')} does not exist: put the CA that signed the engine's certificate there (DOCKER_CERT_PATH holds ca.pem, cert.pem, key.pem)`,
      );
    if (!!cert !== !!key)
      throw new LabError(
        'DOCKER_UNAVAILABLE',
        `${tls.certPath} holds ${cert ? 'cert.pem but no key.pem' : 'key.pem but no cert.pem'}: the client certificate needs both`,
      );
    const options: Docker.DockerOptions & { agent?: https.Agent } = {
      host,
      port: u.port || 2376,
      protocol: 'https',
      ca,
      cert,
      key,
    };
    // DOCKER_TLS without DOCKER_TLS_VERIFY: encrypted, the engine's certificate not checked.
    if (!tls.verify) options.agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });
    return dockerFrom(options);
  } catch (e) {
    if (e instanceof LabError) throw e;
    throw new LabError(
      'DOCKER_UNAVAILABLE',
      `cannot use DOCKER_HOST=${h ?? ''}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

const MODEM_ENV = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH'];

/**
 * new Docker(options) with docker-modem's own reading of the environment masked: the options
 * above are complete, and docker-modem would otherwise read DOCKER_CERT_PATH's three files
 * (throwing when one is missing, where the docker CLI goes on without a client certificate)
 * and let DOCKER_HOST=ssh://'s defaults override ours.
 */
function dockerFrom(options?: Docker.DockerOptions): Docker {
  const saved = MODEM_ENV.map((k) => [k, process.env[k]] as const);
  for (const k of MODEM_ENV) delete process.env[k];
  try {
    return new Docker(options);
  } finally {
    for (const [k, v] of saved) if (v !== undefined) process.env[k] = v;
  }
}

export function unavailableHint(address: EngineAddress): string {
  if (address.kind !== 'socket')
    return `Docker engine not reachable at ${address.display}: check that an engine listens there, or unset DOCKER_HOST to use the local one.`;
  if (process.platform === 'linux') {
    return `Docker engine not reachable at ${address.display}: start it (sudo systemctl start docker, or run 'bash scripts/setup-engine.sh' as root), or set DOCKER_HOST to a running engine.`;
  }
  return `Docker engine not reachable at ${address.display}: start Docker Desktop (or Podman with its Docker socket), or set DOCKER_HOST to a running engine.`;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** One line saying why the engine did not answer and what to change. */
export function failureHint(e: unknown, address: EngineAddress): string {
  if (e instanceof SshDialError || e instanceof LabError) return e.message;
  const err = (e ?? {}) as { code?: string; message?: string };
  const msg = String(err.message ?? e);
  const code = err.code ?? '';
  const at = address.display;
  const certDir = address.tls?.certPath ?? 'DOCKER_CERT_PATH';
  if (/HTTP request to an HTTPS server/i.test(msg))
    return `The engine at ${at} speaks TLS: set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the directory holding ca.pem (the CA that signed the engine's certificate), cert.pem and key.pem, as for the docker CLI.`;
  if (UNTRUSTED.has(code))
    return `The engine at ${at} showed a TLS certificate that ${certDir}/ca.pem did not sign (${code}): put the CA that signed the engine's certificate in ${certDir}/ca.pem.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return `The engine's TLS certificate is not valid for ${address.publishHost} (${msg}): use a host name or address the certificate lists in DOCKER_HOST, or reissue it with that one in its subjectAltName.`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
    return `The engine's TLS certificate is out of its validity period (${code}): reissue it.`;
  if (/wrong version number|packet length too long|ERR_SSL_WRONG_VERSION_NUMBER/i.test(`${code} ${msg}`))
    return `The engine at ${at} does not speak TLS: unset DOCKER_TLS_VERIFY and DOCKER_TLS.`;
  if (
    /alert (bad certificate|certificate required|unknown ca|certificate unknown)|ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|UNKNOWN_CA)/i.test(
      `${code} ${msg}`,
    )
  )
    return `The engine at ${at} refused the client certificate (${code || msg}): ${certDir} must hold cert.pem and key.pem signed by the CA the engine trusts (its --tlscacert).`;
  const base = unavailableHint(address);
  return code && address.kind !== 'socket' ? base.replace(/: /, ` (${code}): `) : base;
}

export async function pingEngine(
  docker: Docker,
  address = engineAddress(),
): Promise<{ version: string; apiVersion: string }> {
  try {
    // Over ssh the first answer waits for a handshake, a login and a process start on the host.
    const v = await withTimeout(docker.version(), address.kind === 'ssh' ? 20_000 : 5000);
    return { version: v.Version, apiVersion: v.ApiVersion };
  } catch (e) {
    throw new LabError(
      'DOCKER_UNAVAILABLE',
      failureHint(e, address),
      true,
      e instanceof Error ? e.message : String(e),
    );
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
