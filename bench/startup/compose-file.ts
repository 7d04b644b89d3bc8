// A docker-compose file (format 2.4, for Debian's docker-compose 1.29) holding the same
// containers as a ScenarioPlan: same images by tag, env, command, network aliases, published
// ports on 127.0.0.1, init, capabilities, tmpfs, start order. Its objects carry the lab's
// labels, so the lab's reaper removes them if the bench dies before `down`.
import { stringify } from 'yaml';
import type { ContainerSpec } from '../../main/engine/scenario';
import { freePort } from '../../main/engine/docker/run-topology';
import { labelsFor, NAME_LABEL, ROLE_LABEL, type Owner } from '../../main/engine/docker/labels';

export const COMPOSE_NETWORK = 'net';

/** Compose interpolates `$`: a literal one is written `$$`. */
function escapeDollar(v: string): string {
  return v.replace(/\$/g, '$$$$');
}

export async function composeFile(
  specs: readonly ContainerSpec[],
  tags: Record<string, string>,
  project: string,
  owner: Owner,
): Promise<string> {
  const services: Record<string, unknown> = {};
  for (const s of specs) {
    const tag = tags[s.image];
    if (!tag) throw new Error(`no tag for image '${s.image}'`);
    // ${hostPort:N}: publish N on a host port chosen now, and tell the container (as the lab does).
    const fixed = new Map<number, number>();
    for (const v of Object.values(s.env ?? {}))
      for (const m of v.matchAll(/\$\{hostPort:(\d+)\}/g))
        if (!fixed.has(Number(m[1]))) fixed.set(Number(m[1]), await freePort('127.0.0.1'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.env ?? {}))
      env[k] = escapeDollar(
        v.replace(/\$\{hostPort:(\d+)\}/g, (_, p: string) => String(fixed.get(Number(p)) ?? '')),
      );
    const svc: Record<string, unknown> = {
      image: tag,
      hostname: s.name,
      init: true,
      environment: env,
      labels: labelsFor(project, owner, { [NAME_LABEL]: s.name, [ROLE_LABEL]: s.role }),
      networks: { [COMPOSE_NETWORK]: { aliases: [s.name] } },
    };
    if (s.cmd?.length) svc.command = s.cmd.map(escapeDollar);
    if (s.ports?.length)
      svc.ports = s.ports.map((p) => (fixed.has(p) ? `127.0.0.1:${fixed.get(p)}:${p}` : `127.0.0.1::${p}`));
    const deps = [...(s.dependsOn ?? []), ...(s.after ?? [])];
    if (deps.length) svc.depends_on = deps; // compose 1.29: start order only, as `after`
    if (s.capAdd?.length) svc.cap_add = [...s.capAdd];
    if (s.sysctls && Object.keys(s.sysctls).length) svc.sysctls = { ...s.sysctls };
    if (s.tmpfs && Object.keys(s.tmpfs).length)
      svc.tmpfs = Object.entries(s.tmpfs).map(([dir, opts]) => (opts ? `${dir}:${opts}` : dir));
    services[s.name] = svc;
  }
  return stringify({
    version: '2.4',
    services,
    networks: { [COMPOSE_NETWORK]: { driver: 'bridge', labels: labelsFor(project, owner) } },
  });
}
