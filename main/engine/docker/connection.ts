// The engine address, read like the docker CLI does: DOCKER_HOST (unix://, tcp://, ssh://),
// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH; the default socket otherwise.
import Docker from 'dockerode';
import { LabError } from '../errors';

export interface EngineAddress {
  /** What to show a person. */
  display: string;
  /** Host name where published ports are reached (loopback for a local engine). */
  publishHost: string;
}

export function engineAddress(env: NodeJS.ProcessEnv = process.env): EngineAddress {
  const h = env.DOCKER_HOST;
  if (!h) return { display: 'unix:///var/run/docker.sock', publishHost: '127.0.0.1' };
  if (h.startsWith('unix://') || h.startsWith('npipe://')) return { display: h, publishHost: '127.0.0.1' };
  try {
    const u = new URL(h);
    return { display: h, publishHost: u.hostname || '127.0.0.1' };
  } catch {
    return { display: h, publishHost: '127.0.0.1' };
  }
}

export function connectDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  // docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself.
  void env;
  return new Docker();
}

export function unavailableHint(address: EngineAddress): string {
  if (process.platform === 'linux') {
    return `Docker engine not reachable at ${address.display}: start it (sudo systemctl start docker, or run 'bash scripts/setup-engine.sh' as root), or set DOCKER_HOST to a running engine.`;
  }
  return `Docker engine not reachable at ${address.display}: start Docker Desktop (or Podman with its Docker socket), or set DOCKER_HOST to a running engine.`;
}

export async function pingEngine(
  docker: Docker,
  address = engineAddress(),
): Promise<{ version: string; apiVersion: string }> {
  try {
    const v = await withTimeout(docker.version(), 5000);
    return { version: v.Version, apiVersion: v.ApiVersion };
  } catch (e) {
    throw new LabError(
      'DOCKER_UNAVAILABLE',
      unavailableHint(address),
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
