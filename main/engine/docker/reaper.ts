// Removes what the lab left behind: only objects carrying the managed label, and by
// default only those whose owner process is gone.
import os from 'node:os';
import type Docker from 'dockerode';
import {
  isManaged,
  managedFilter,
  OWNER_HOST_LABEL,
  OWNER_PID_LABEL,
  OWNER_STARTED_LABEL,
  RUN_LABEL,
  type Owner,
} from './labels';

export function currentOwner(): Owner {
  return { pid: process.pid, host: os.hostname(), started: Math.round(Date.now() - process.uptime() * 1000) };
}

/** True if the process that labelled an object is still alive on this host. */
export function ownerAlive(labels: Record<string, string>, self: Owner = currentOwner()): boolean {
  if (labels[OWNER_HOST_LABEL] !== self.host) return true; // another machine's: not ours to judge
  const pid = Number(labels[OWNER_PID_LABEL]);
  if (!Number.isFinite(pid) || pid <= 0) return false;
  if (pid === self.pid) return Number(labels[OWNER_STARTED_LABEL]) === self.started;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface ReapResult {
  containers: string[];
  networks: string[];
  runs: string[];
}

export async function listLeftovers(
  docker: Docker,
  opts: { all?: boolean } = {},
): Promise<Docker.ContainerInfo[]> {
  const list = await docker.listContainers({ all: true, filters: managedFilter() });
  return list.filter((c) => isManaged(c.Labels) && (opts.all || !ownerAlive(c.Labels)));
}

/**
 * Removes managed containers and networks. With all=false (the default, used at every start),
 * only those whose owner process died; with all=true (`chaoslab cleanup`), every managed object
 * not owned by a live process other than this one... and also this one's.
 */
export async function reap(
  docker: Docker,
  opts: { all?: boolean; runId?: string } = {},
): Promise<ReapResult> {
  const result: ReapResult = { containers: [], networks: [], runs: [] };
  const containers = await docker.listContainers({ all: true, filters: managedFilter(opts.runId) });
  const runs = new Set<string>();
  for (const c of containers) {
    if (!isManaged(c.Labels)) continue; // belt and braces: the filter already asked for the label
    if (!opts.all && !opts.runId && ownerAlive(c.Labels)) continue;
    const ct = docker.getContainer(c.Id);
    try {
      if (c.State === 'paused') await ct.unpause();
      await ct.remove({ force: true, v: true });
      result.containers.push(c.Names?.[0]?.replace(/^\//, '') ?? c.Id);
      if (c.Labels[RUN_LABEL]) runs.add(c.Labels[RUN_LABEL]);
    } catch {
      // gone already
    }
  }
  const networks = await docker.listNetworks({ filters: managedFilter(opts.runId) });
  for (const n of networks) {
    if (!isManaged(n.Labels)) continue;
    if (!opts.all && !opts.runId && ownerAlive(n.Labels ?? {})) continue;
    try {
      await docker.getNetwork(n.Id).remove();
      result.networks.push(n.Name);
      if (n.Labels?.[RUN_LABEL]) runs.add(n.Labels[RUN_LABEL]);
    } catch {
      // still in use or gone
    }
  }
  result.runs = [...runs];
  return result;
}
