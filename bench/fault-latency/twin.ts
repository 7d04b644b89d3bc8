// The CLI's target: a twin of a scenario container (same image, env, port, init), on a network
// of its own, both labelled like the lab's objects so the reaper removes them after a crash.
import type Docker from 'dockerode';
import type { ContainerSpec } from '../../main/engine/scenario';
import { labelsFor, NAME_LABEL, ROLE_LABEL } from '../../main/engine/docker/labels';
import { currentOwner } from '../../main/engine/docker/reaper';
import { waitReady } from '../../main/engine/docker/wait';
import { atInterrupt } from '../lib/interrupt';

export interface Twin {
  id: string;
  name: string;
  network: string;
  alias: string;
  waitReady(): Promise<void>;
  remove(): Promise<void>;
}

export async function createTwin(docker: Docker, spec: ContainerSpec, tag: string): Promise<Twin> {
  const runLabel = `bench-twin-${process.pid}-${Date.now().toString(36)}`;
  const labels = labelsFor(runLabel, currentOwner());
  const name = `chaoslab-${runLabel}-${spec.name}`;
  const network = `chaoslab-${runLabel}`;
  const net = await docker.createNetwork({
    Name: network,
    Driver: 'bridge',
    CheckDuplicate: true,
    Labels: labels,
  });
  const port = spec.ports?.[0];
  const c = await docker.createContainer({
    name,
    Hostname: spec.name,
    Image: tag,
    Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
    Labels: { ...labels, [NAME_LABEL]: spec.name, [ROLE_LABEL]: spec.role },
    ExposedPorts: port ? { [`${port}/tcp`]: {} } : {},
    HostConfig: {
      NetworkMode: network,
      PortBindings: port ? { [`${port}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: '' }] } : {},
      Init: true,
    },
    NetworkingConfig: { EndpointsConfig: { [network]: { Aliases: [spec.name] } } },
  });
  const ready = async () => {
    const info = await c.inspect();
    const hp = port ? Number(info.NetworkSettings.Ports?.[`${port}/tcp`]?.[0]?.HostPort) : 0;
    await waitReady(
      {
        container: c,
        name,
        endpoint: () => ({ host: '127.0.0.1', port: hp }),
        isRunning: async () => (await c.inspect()).State.Running === true,
      },
      spec.wait,
    );
  };
  const remove = async () => {
    try {
      const info = await c.inspect();
      if (info.State.Paused) await c.unpause();
      await c.remove({ force: true, v: true });
    } catch {
      // gone already
    }
    await net.remove().catch(() => undefined);
  };
  const unregister = atInterrupt(remove);
  return {
    id: c.id,
    name,
    network,
    alias: spec.name,
    async waitReady() {
      const info = await c.inspect();
      if (info.State.Paused) await c.unpause();
      else if (!info.State.Running) await c.start();
      await ready();
    },
    async remove() {
      unregister();
      await remove();
    },
  };
}
