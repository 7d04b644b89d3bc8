// Network faults in front of a dependency, through Toxiproxy: a scenario routes a link
// through a proxy ("details -> toxiproxy:18080 -> product:8080"); a fault on the upstream
// container (or on the proxy's name) adds a toxic to every proxy in front of it. Pure: the
// container that hosts the proxies, which proxies a fault reaches, and the toxic it adds.
import type { ContainerSpec } from '../scenario';
import type { FaultKind, FaultRequest } from '../events';

/** The Toxiproxy API port inside its container. */
export const TOXIPROXY_API_PORT = 8474;

/** One proxy: clients connect to `host:listen`, Toxiproxy forwards to upstream. */
export interface ProxySpec {
  /** The proxy's name in Toxiproxy (also accepted as a fault target). */
  name: string;
  /** The container running Toxiproxy (its logical name in the run). */
  host: string;
  listen: number;
  upstream: { container: string; port: number };
}

/** The fault kinds carried out by a toxic rather than by Docker. */
export const TOXIC_KINDS = ['latency', 'bandwidth', 'timeout', 'reset'] as const;
export type ToxicKind = (typeof TOXIC_KINDS)[number];

export function isToxicKind(k: FaultKind): k is ToxicKind {
  return (TOXIC_KINDS as readonly string[]).includes(k);
}

/** A toxic as Toxiproxy's API takes it (POST /proxies/{proxy}/toxics). */
export interface Toxic {
  name: string;
  type: 'latency' | 'bandwidth' | 'timeout' | 'reset_peer';
  stream: 'upstream' | 'downstream';
  toxicity: number;
  attributes: Record<string, number>;
}

export const DEFAULT_LATENCY_MS = 1000;
export const DEFAULT_RATE_KBPS = 16;

/**
 * The toxic for a fault. latency: every response is held latencyMs (+- jitterMs); bandwidth:
 * responses trickle at rateKBps; timeout: requests stop getting through and the connection is
 * closed after afterMs (0: held open until healed); reset: connections are reset (TCP RST)
 * after afterMs.
 */
export function toxicFor(f: FaultRequest & { kind: ToxicKind }): Toxic {
  const name = `chaoslab-${f.kind}`;
  switch (f.kind) {
    case 'latency':
      return {
        name,
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
        attributes: { latency: f.latencyMs ?? DEFAULT_LATENCY_MS, jitter: f.jitterMs ?? 0 },
      };
    case 'bandwidth':
      return {
        name,
        type: 'bandwidth',
        stream: 'downstream',
        toxicity: 1,
        attributes: { rate: f.rateKBps ?? DEFAULT_RATE_KBPS },
      };
    case 'timeout':
      return {
        name,
        type: 'timeout',
        stream: 'upstream',
        toxicity: 1,
        attributes: { timeout: f.afterMs ?? 0 },
      };
    case 'reset':
      return {
        name,
        type: 'reset_peer',
        stream: 'upstream',
        toxicity: 1,
        attributes: { timeout: f.afterMs ?? 0 },
      };
  }
}

/** The proxies a fault on `target` reaches: those named so, or in front of that container. */
export function proxiesFor(proxies: readonly ProxySpec[], target: string): ProxySpec[] {
  return proxies.filter((p) => p.name === target || p.upstream.container === target);
}

/** Proxy name -> upstream container, for the topology (which nodes take network faults). */
export function proxiedContainers(proxies: readonly ProxySpec[]): Map<string, string> {
  return new Map(proxies.map((p) => [p.upstream.container, p.host]));
}

/**
 * The Toxiproxy container of a run, with its proxies loaded at start (again after a restart)
 * and ready once the API lists all of them. Its API port is published for the lab.
 */
export function toxiproxyContainer(
  name: string,
  proxies: readonly ProxySpec[],
  opts: { seed?: number; dependsOn?: string[] } = {},
): ContainerSpec {
  const mine = proxies.filter((p) => p.host === name);
  const config = mine.map((p) => ({
    name: p.name,
    listen: `0.0.0.0:${p.listen}`,
    upstream: `${p.upstream.container}:${p.upstream.port}`,
    enabled: true,
  }));
  return {
    name,
    role: 'toxiproxy',
    image: 'toxiproxy',
    env: {
      TOXIPROXY_PROXIES: JSON.stringify(config),
      ...(opts.seed !== undefined ? { TOXIPROXY_SEED: String(opts.seed) } : {}),
    },
    ports: [TOXIPROXY_API_PORT, ...mine.map((p) => p.listen)],
    controlPort: TOXIPROXY_API_PORT,
    wait: {
      kind: 'http',
      port: TOXIPROXY_API_PORT,
      path: '/proxies',
      match: { pattern: '"enabled":true', count: mine.length },
      timeoutMs: 30_000,
    },
    dependsOn: opts.dependsOn,
  };
}
