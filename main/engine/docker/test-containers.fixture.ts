// For the image tests on a real engine: containers of one test run on a network of its own,
// labelled as the lab's (managed, run, owner process: the reaper removes what a crashed test
// left), their published ports, a wait for a condition, and the cleanup of that run only.
// Test code: it talks to the engine directly with dockerode.
import { randomBytes } from 'node:crypto';
import Docker from 'dockerode';
import { labelsFor, managedFilter, NAME_LABEL } from './labels';
import { currentOwner } from './reaper';

export class TestContainers {
  readonly runId = `test-${randomBytes(4).toString('hex')}`;
  readonly labels = labelsFor(this.runId, currentOwner());
  /** The run's network; each container is `<netName>-<alias>`, reached on it as `alias`. */
  readonly netName = `chaoslab-${this.runId}`;

  constructor(readonly docker: Docker = new Docker()) {}

  async createNetwork(): Promise<void> {
    await this.docker.createNetwork({
      Name: this.netName,
      Driver: 'bridge',
      Labels: this.labels,
      CheckDuplicate: true,
    });
  }

  /**
   * Creates (does not start) a container on the run's network. `publish`: container port ->
   * host port on 127.0.0.1 ('' for any free one).
   */
  async create(
    alias: string,
    image: string,
    env: Record<string, string>,
    publish: Record<number, number | ''> = {},
  ): Promise<Docker.Container> {
    return this.docker.createContainer({
      name: `${this.netName}-${alias}`,
      Image: image,
      Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
      Labels: { ...this.labels, [NAME_LABEL]: alias },
      ExposedPorts: Object.fromEntries(Object.keys(publish).map((p) => [`${p}/tcp`, {}])),
      HostConfig: {
        NetworkMode: this.netName,
        PortBindings: Object.fromEntries(
          Object.entries(publish).map(([p, h]) => [
            `${p}/tcp`,
            [{ HostIp: '127.0.0.1', HostPort: String(h) }],
          ]),
        ),
      },
      NetworkingConfig: { EndpointsConfig: { [this.netName]: { Aliases: [alias] } } },
    });
  }

  /** create, then start. */
  async start(...args: Parameters<TestContainers['create']>): Promise<Docker.Container> {
    const c = await this.create(...args);
    await c.start();
    return c;
  }

  /** Removes the run's containers (with their volumes) and networks; errors ignored. */
  async cleanup(): Promise<void> {
    const filters = managedFilter(this.runId);
    const cs = await this.docker.listContainers({ all: true, filters });
    await Promise.all(
      cs.map((c) =>
        this.docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => {}),
      ),
    );
    const nets = await this.docker.listNetworks({ filters });
    await Promise.all(
      nets.map((n) =>
        this.docker
          .getNetwork(n.Id)
          .remove()
          .catch(() => {}),
      ),
    );
  }
}

/** The host port a container port is published on. */
export async function hostPort(c: Docker.Container, port: number): Promise<number> {
  const info = await c.inspect();
  const binding = info.NetworkSettings.Ports[`${port}/tcp`]?.[0];
  if (!binding) throw new Error(`${info.Name}: port ${port} is not published`);
  return Number(binding.HostPort);
}

/** Asks `probe` every 200 ms until it gives a value; throws (with its last error) after `timeoutMs`. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
