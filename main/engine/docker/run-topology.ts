// The containers of one run: created, started and waited for in dependency order; faults
// applied to them; torn down. The only place (with images.ts and events.ts) that drives
// dockerode for a run.
import type Docker from 'dockerode';
import type { ContainerSpec, Endpoint } from '../scenario';
import type { FaultRequest } from '../events';
import { LabError } from '../errors';
import { labelsFor, NAME_LABEL, ROLE_LABEL, type Owner, isManaged } from './labels';
import { waitReady, sleep } from './wait';
import { demuxExecOutput } from './exec';
import net from 'node:net';
import {
  isToxicKind,
  proxiesFor,
  toxicFor,
  TOXIPROXY_API_PORT,
  type ProxySpec,
  type ToxicKind,
} from '../toxiproxy/proxies';
import { addToxic, removeToxic } from '../toxiproxy/toxiproxy-api';

/** A free TCP port on the host (the engine's loopback for a local engine). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host === '0.0.0.0' ? undefined : host, () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no free port'))));
    });
  });
}

/** A cycle among dependsOn/after (names in order, first repeated last), or null. */
export function dependencyCycle(specs: readonly ContainerSpec[]): string[] | null {
  const deps = new Map(specs.map((s) => [s.name, [...(s.dependsOn ?? []), ...(s.after ?? [])]]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'visiting') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'visiting');
    path.push(n);
    for (const d of deps.get(n) ?? []) {
      const c = visit(d);
      if (c) return c;
    }
    path.pop();
    state.set(n, 'done');
    return null;
  };
  for (const s of specs) {
    const c = visit(s.name);
    if (c) return c;
  }
  return null;
}

export interface RunContainer {
  spec: ContainerSpec;
  id: string;
  dockerName: string;
  /** Container port -> host port, refreshed after every start. */
  ports: Map<number, number>;
  container: Docker.Container;
}

export interface TopologyOptions {
  docker: Docker;
  runId: string;
  owner: Owner;
  /** Host where published ports are reached. */
  publishHost: string;
  /** Image tag per logical image name. */
  tags: Record<string, string>;
  /** Proxies of the plan: where network faults (latency...) are carried out. */
  proxies?: readonly ProxySpec[];
  onReady?(name: string, ms: number): void;
}

export class RunTopology {
  readonly networkName: string;
  private network?: Docker.Network;
  readonly containers = new Map<string, RunContainer>();
  /** Faults that are in force and must be healed at the end: key -> heal. */
  private readonly active = new Map<string, () => Promise<void>>();
  /**
   * Containers known paused (by the lab, or by anyone: the runner reports Docker's pause and
   * unpause events), so a kill needs no inspect first to know whether to unpause.
   */
  private readonly paused = new Set<string>();
  /** Created by up() and not started yet. */
  private readonly neverStarted = new Set<string>();

  /** What Docker's event stream said about a container's pause state. */
  notePaused(name: string, paused: boolean): void {
    if (paused) this.paused.add(name);
    else this.paused.delete(name);
  }

  constructor(private readonly o: TopologyOptions) {
    this.networkName = `chaoslab-${o.runId}`;
  }

  private labels(extra: Record<string, string> = {}) {
    return labelsFor(this.o.runId, this.o.owner, extra);
  }

  async up(specs: ContainerSpec[], signal?: AbortSignal): Promise<void> {
    // Checked before anything is created: every name known, no cycle.
    const byName = new Map(specs.map((s) => [s.name, s]));
    for (const s of specs) {
      const unknown = [...(s.dependsOn ?? []), ...(s.after ?? [])].filter((d) => !byName.has(d));
      if (unknown.length)
        throw new LabError('SCENARIO_INVALID', `${s.name} depends on unknown ${unknown.join(', ')}`);
    }
    const cycle = dependencyCycle(specs);
    if (cycle) throw new LabError('SCENARIO_INVALID', `unresolvable dependsOn/after: ${cycle.join(' -> ')}`);
    this.network = await this.o.docker.createNetwork({
      Name: this.networkName,
      Driver: 'bridge',
      CheckDuplicate: true,
      Labels: this.labels(),
    });
    // Create every container at once (creation is cheap), then start each as soon as what it
    // needs is there: its dependsOn ready, its `after` started. Independent ones start together.
    await Promise.all(specs.map((s) => this.create(s)));
    // The first failure stops every other start-up (their waits are aborted), then is thrown.
    const ac = new AbortController();
    const stop = () => ac.abort(signal?.reason);
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });
    const started = new Map<string, Promise<void>>();
    const ready = new Map<string, Promise<void>>();
    // The root cause: the first start-up to fail, not the aborts it caused in the others.
    let first: { error: unknown } | undefined;
    const bringUp = (name: string): void => {
      if (ready.has(name)) return;
      const spec = byName.get(name)!;
      for (const d of [...(spec.dependsOn ?? []), ...(spec.after ?? [])]) bringUp(d);
      const start = (async () => {
        await Promise.all([
          ...(spec.dependsOn ?? []).map((d) => ready.get(d)!),
          ...(spec.after ?? []).map((d) => started.get(d)!),
        ]);
        ac.signal.throwIfAborted();
        await this.start(name);
      })();
      started.set(name, start);
      const up = start.then(async () => {
        await this.waitFor(name, ac.signal);
      });
      up.catch((e: unknown) => {
        first ??= { error: e };
        ac.abort(new LabError('RUN_ABORTED', `start-up stopped: ${name} did not come up`));
      });
      ready.set(name, up);
    };
    try {
      for (const s of specs) bringUp(s.name);
      await Promise.allSettled(ready.values());
      if (first) throw first.error;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  private async create(spec: ContainerSpec): Promise<void> {
    const tag = this.o.tags[spec.image];
    if (!tag)
      throw new LabError('SCENARIO_INVALID', `no image built for '${spec.image}' (container ${spec.name})`);
    const dockerName = `chaoslab-${this.o.runId}-${spec.name}`;
    const exposed: Record<string, object> = {};
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    const hostIp =
      this.o.publishHost === '127.0.0.1' || this.o.publishHost === 'localhost' ? '127.0.0.1' : '0.0.0.0';
    // A port named in an env value as ${hostPort:N} is published on a host port chosen now, so
    // the container can be told where it is reached (e.g. Kafka's advertised listener).
    const fixed = new Map<number, number>();
    for (const v of Object.values(spec.env ?? {})) {
      for (const m of v.matchAll(/\$\{hostPort:(\d+)\}/g)) {
        const p = Number(m[1]);
        if (!fixed.has(p)) fixed.set(p, await freePort(hostIp));
      }
    }
    for (const p of spec.ports ?? []) {
      exposed[`${p}/tcp`] = {};
      bindings[`${p}/tcp`] = [{ HostIp: hostIp, HostPort: fixed.has(p) ? String(fixed.get(p)) : '' }];
    }
    const env = Object.entries(spec.env ?? {}).map(
      ([k, v]) =>
        `${k}=${v.replace(/\$\{hostPort:(\d+)\}/g, (_, p: string) => String(fixed.get(Number(p)) ?? ''))}`,
    );
    const container = await this.o.docker.createContainer({
      name: dockerName,
      Hostname: spec.name,
      Image: tag,
      Cmd: spec.cmd,
      Env: env,
      Labels: this.labels({ [NAME_LABEL]: spec.name, [ROLE_LABEL]: spec.role }),
      ExposedPorts: exposed,
      HostConfig: {
        NetworkMode: this.networkName,
        PortBindings: bindings,
        CapAdd: spec.capAdd,
        Tmpfs: spec.tmpfs,
        Sysctls: spec.sysctls,
        Init: true,
      },
      NetworkingConfig: { EndpointsConfig: { [this.networkName]: { Aliases: [spec.name] } } },
    });
    this.containers.set(spec.name, { spec, id: container.id, dockerName, ports: new Map(), container });
    this.neverStarted.add(spec.name);
  }

  get(name: string): RunContainer {
    const c = this.containers.get(name);
    if (!c)
      throw new LabError(
        'CONTAINER_NOT_FOUND',
        `no container '${name}' in this run (known: ${[...this.containers.keys()].join(', ')})`,
      );
    return c;
  }

  async refreshPorts(name: string): Promise<void> {
    const c = this.get(name);
    const info = await c.container.inspect();
    c.ports.clear();
    for (const [k, v] of Object.entries(info.NetworkSettings.Ports ?? {})) {
      const hp = v?.[0]?.HostPort;
      if (hp) c.ports.set(Number(k.split('/')[0]), Number(hp));
    }
  }

  endpoint(name: string, port: number): Endpoint {
    const c = this.get(name);
    const hp = c.ports.get(port);
    if (!hp)
      throw new LabError(
        'CONTAINER_NOT_FOUND',
        `${name}: port ${port} is not published (is the container running?)`,
        false,
      );
    return { host: this.o.publishHost, port: hp };
  }

  async isRunning(name: string): Promise<boolean> {
    try {
      const info = await this.get(name).container.inspect();
      return info.State.Running === true;
    } catch {
      return false;
    }
  }

  async startAndWait(name: string, signal?: AbortSignal): Promise<number> {
    await this.start(name);
    return this.waitFor(name, signal);
  }

  /** Starts (or unpauses) the container and learns its published ports. */
  private async start(name: string): Promise<void> {
    const c = this.get(name);
    if (this.neverStarted.delete(name)) {
      await c.container.start(); // just created: no need to ask the engine its state first
    } else {
      const info = await c.container.inspect();
      if (info.State.Paused) await c.container.unpause();
      else if (!info.State.Running) await c.container.start();
    }
    await this.refreshPorts(name);
  }

  /** Waits until the container's wait strategy is met; returns how long that took. */
  private async waitFor(name: string, signal?: AbortSignal): Promise<number> {
    const c = this.get(name);
    const ms = await waitReady(
      {
        container: c.container,
        name,
        endpoint: (p) => this.endpoint(name, p),
        isRunning: () => this.isRunning(name),
        lastLog: (n) => this.logs(name, n),
      },
      c.spec.wait,
      signal,
    );
    this.o.onReady?.(name, ms);
    return ms;
  }

  /** Applies a fault; returns once Docker has carried it out. Heals registered for teardown. */
  async apply(f: FaultRequest): Promise<void> {
    const c = this.get(f.target);
    if (isToxicKind(f.kind)) return this.applyToxic({ ...f, kind: f.kind });
    switch (f.kind) {
      case 'kill':
        // A paused container ignores SIGKILL on cgroup v1: unpause first (known without an inspect).
        if (this.paused.has(f.target)) await this.unpauseIfPaused(c);
        await c.container.kill({ signal: 'SIGKILL' });
        return;
      case 'stop':
        await c.container.stop({ t: 10 });
        return;
      case 'start':
        await this.startAndWait(f.target);
        return;
      case 'restart':
        await this.unpauseIfPaused(c);
        await c.container.restart({ t: 5 });
        await this.refreshPorts(f.target);
        await this.startAndWait(f.target);
        return;
      case 'pause':
        await c.container.pause();
        this.paused.add(f.target);
        this.active.set(`pause:${f.target}`, () => this.unpauseIfPaused(c));
        return;
      case 'unpause':
        await this.unpauseIfPaused(c);
        this.active.delete(`pause:${f.target}`);
        return;
      case 'partition': {
        if (f.peer && f.peer !== 'all') {
          await this.iptables(f.target, ['-A', 'INPUT', '-s', await this.ipOf(f.peer), '-j', 'DROP']);
          await this.iptables(f.target, ['-A', 'OUTPUT', '-d', await this.ipOf(f.peer), '-j', 'DROP']);
          this.active.set(`partition:${f.target}:${f.peer}`, () => this.iptables(f.target, ['-F']));
        } else {
          await this.network!.disconnect({ Container: c.id, Force: true });
          this.active.set(`partition:${f.target}:all`, () => this.reconnect(f.target));
        }
        return;
      }
      case 'heal': {
        const heals = [...this.active.entries()].filter(([k]) => k.includes(`:${f.target}`));
        for (const [k, heal] of heals) {
          await heal();
          this.active.delete(k);
        }
        return;
      }
      default:
        throw new LabError(
          'BAD_REQUEST',
          `fault '${f.kind}' is not supported on ${f.target} in this scenario`,
        );
    }
  }

  /** A network fault: a toxic on every proxy in front of the target; healed by removing it. */
  private async applyToxic(f: FaultRequest & { kind: ToxicKind }): Promise<void> {
    const proxies = proxiesFor(this.o.proxies ?? [], f.target);
    if (!proxies.length) {
      const reachable = [...new Set((this.o.proxies ?? []).map((p) => p.upstream.container))];
      throw new LabError(
        'BAD_REQUEST',
        `fault '${f.kind}' needs a Toxiproxy in front of ${f.target}, and this scenario routes none there` +
          (reachable.length
            ? ` (network faults reach: ${reachable.join(', ')})`
            : ' (no link of this scenario goes through Toxiproxy: try composition-vs-cqrs)'),
      );
    }
    const toxic = toxicFor(f);
    for (const p of proxies) {
      const api = () => this.endpoint(p.host, TOXIPROXY_API_PORT);
      await addToxic(api(), p.name, toxic);
      this.active.set(`${f.kind}:${f.target}:${p.name}`, () => removeToxic(api(), p.name, toxic.name));
    }
  }

  private async reconnect(name: string): Promise<void> {
    const c = this.get(name);
    await this.network!.connect({ Container: c.id, EndpointConfig: { Aliases: [name] } });
  }

  private async ipOf(name: string): Promise<string> {
    const info = await this.get(name).container.inspect();
    const ip = info.NetworkSettings.Networks?.[this.networkName]?.IPAddress;
    if (!ip) throw new LabError('CONTAINER_NOT_FOUND', `${name} has no address on the run network`, true);
    return ip;
  }

  private async iptables(name: string, args: string[]): Promise<void> {
    const out = await this.exec(name, ['iptables', ...args]);
    if (out.exitCode !== 0) {
      throw new LabError(
        'BAD_REQUEST',
        `partition needs iptables and NET_ADMIN in ${name}: ${out.text.trim()}`,
        true,
      );
    }
  }

  async exec(name: string, cmd: string[]): Promise<{ exitCode: number; text: string }> {
    const c = this.get(name);
    const exec = await c.container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve) => {
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, text: demuxExecOutput(Buffer.concat(chunks)).text };
  }

  async logs(name: string, tail = 200): Promise<string[]> {
    const buf = (await this.get(name).container.logs({
      stdout: true,
      stderr: true,
      tail,
      timestamps: false,
    })) as unknown as Buffer;
    return demuxExecOutput(buf).text.split('\n').filter(Boolean);
  }

  private async unpauseIfPaused(c: RunContainer): Promise<void> {
    const info = await c.container.inspect();
    if (info.State.Paused) await c.container.unpause();
    this.paused.delete(c.spec.name);
  }

  /** Heals every fault still in force (unpause, reconnect, flush rules). Never throws. */
  async healAll(): Promise<string[]> {
    const errors: string[] = [];
    for (const [k, heal] of this.active) {
      try {
        await heal();
      } catch (e) {
        errors.push(`${k}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.active.clear();
    return errors;
  }

  /** Removes every container and the network of this run. Only labelled objects. Never throws. */
  async down(): Promise<string[]> {
    const errors = await this.healAll();
    await Promise.all(
      [...this.containers.values()].map(async (c) => {
        try {
          const info = await c.container.inspect();
          if (!isManaged(info.Config.Labels)) return;
          if (info.State.Paused) await c.container.unpause();
          await c.container.remove({ force: true, v: true });
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          if (!/no such container|404/i.test(msg)) errors.push(`${c.spec.name}: ${msg}`);
        }
      }),
    );
    if (this.network) {
      for (let i = 0; i < 5; i++) {
        try {
          await this.network.remove();
          break;
        } catch (e) {
          const msg = e instanceof Error ? e.message : String(e);
          if (/no such network|404/i.test(msg)) break;
          if (i === 4) errors.push(`network: ${msg}`);
          await sleep(200);
        }
      }
    }
    return errors;
  }
}
