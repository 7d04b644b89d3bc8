// RunTopology.up with a faked Docker: the start order that dependsOn (ready) and after
// (started) give, failures that stop the other start-ups, and cycles refused.
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { RunTopology, dependencyCycle } from './run-topology';
import type { ContainerSpec } from '../scenario';

function fakeDocker(
  log: string[],
  opts: {
    readyAfterMs?: Record<string, number>;
    failStart?: string;
    created?: Record<string, unknown>[];
  } = {},
) {
  const running = new Set<string>();
  return {
    createNetwork: async () => ({ remove: async () => undefined }),
    createContainer: async (o: { name: string; Hostname: string }) => {
      opts.created?.push(o as unknown as Record<string, unknown>);
      const name = o.Hostname;
      return {
        id: `id-${name}`,
        inspect: async () => ({
          State: { Running: running.has(name), Paused: false },
          NetworkSettings: { Ports: { '80/tcp': [{ HostPort: '1' }] } },
          Config: { Labels: {} },
        }),
        start: async () => {
          if (opts.failStart === name) throw new Error(`${name}: port is already allocated`);
          running.add(name);
          log.push(`start ${name}`);
          // Ready (the exec probe answers) after this long.
          setTimeout(() => log.push(`ready ${name}`), opts.readyAfterMs?.[name] ?? 0);
        },
        exec: async () => ({
          start: async () => {
            const { PassThrough } = await import('node:stream');
            const s = new PassThrough();
            setImmediate(() => s.end());
            return s;
          },
          inspect: async () => ({ ExitCode: log.includes(`ready ${name}`) ? 0 : 1 }),
        }),
      };
    },
  } as unknown as Docker;
}

const spec = (name: string, extra: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name,
  role: name,
  image: 'x',
  wait: { kind: 'exec', cmd: ['ready'], timeoutMs: 5000 },
  ...extra,
});

const topo = (docker: Docker) =>
  new RunTopology({
    docker,
    runId: 'r',
    owner: { pid: 1, host: 'h', started: 1 },
    publishHost: '127.0.0.1',
    tags: { x: 'x:1' },
  });

describe('RunTopology.up', () => {
  it('starts an `after` container once its peers started, a dependsOn one once they are ready', async () => {
    const log: string[] = [];
    const t = topo(fakeDocker(log, { readyAfterMs: { kafka: 300 } }));
    await t.up([
      spec('kafka'),
      spec('service', { after: ['kafka'] }),
      spec('reader', { dependsOn: ['kafka'] }),
    ]);
    const at = (e: string) => log.indexOf(e);
    expect(at('start service')).toBeGreaterThan(at('start kafka'));
    expect(at('start service')).toBeLessThan(at('ready kafka')); // overlapped kafka's start-up
    expect(at('start reader')).toBeGreaterThan(at('ready kafka')); // waited for it
  });

  it('creates each container with its kernel settings (the load balancer’s quick ARP)', async () => {
    const created: Record<string, unknown>[] = [];
    const t = topo(fakeDocker([], { created }));
    await t.up([spec('lb', { sysctls: { 'net.ipv4.neigh.eth0.retrans_time_ms': '100' } }), spec('plain')]);
    const host = (n: string) =>
      (created.find((c) => c.Hostname === n)?.HostConfig as { Sysctls?: Record<string, string> }).Sysctls;
    expect(host('lb')).toEqual({ 'net.ipv4.neigh.eth0.retrans_time_ms': '100' });
    expect(host('plain')).toBeUndefined();
  });

  it('one start-up failing stops the others and is the error thrown', async () => {
    const log: string[] = [];
    const t = topo(fakeDocker(log, { readyAfterMs: { slow: 60_000 }, failStart: 'broken' }));
    const t0 = Date.now();
    await expect(
      t.up([spec('slow'), spec('broken'), spec('dependent', { dependsOn: ['broken'] })]),
    ).rejects.toThrow(/port is already allocated/);
    expect(Date.now() - t0).toBeLessThan(3000); // did not wait for 'slow'
    expect(log).not.toContain('start dependent');
  });

  it('refuses a cycle and an unknown name before starting anything', async () => {
    expect(dependencyCycle([spec('a', { after: ['b'] }), spec('b', { dependsOn: ['a'] })])).toEqual([
      'a',
      'b',
      'a',
    ]);
    expect(dependencyCycle([spec('a'), spec('b', { after: ['a'] })])).toBeNull();
    const log: string[] = [];
    await expect(
      topo(fakeDocker(log)).up([spec('a', { after: ['b'] }), spec('b', { dependsOn: ['a'] })]),
    ).rejects.toThrow(/unresolvable dependsOn\/after: a -> b -> a/);
    await expect(topo(fakeDocker(log)).up([spec('a', { dependsOn: ['nope'] })])).rejects.toThrow(
      /unknown nope/,
    );
    expect(log).toEqual([]);
  });
});
