// On a real engine: build (or find) the service and haproxy images, run two order services
// behind HAProxy on a network of our own, and check what a user of scenario 1 would see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type { ImageProgress } from '../../contract/channels';
import { ensureBaseImage, ensureImages, imagesStatus, imageTag, pruneStaleImages } from './images';
import { MANAGED_LABEL } from './labels';
import { hostPort, TestContainers, until } from './test-containers.fixture';

const tc = new TestContainers();
const { docker, runId, netName } = tc;
const progress: ImageProgress[] = [];
let tags: Record<string, string> = {};
let lb = '';
let stats = '';
const nodes: Record<string, Docker.Container> = {};

/** Rows of HAProxy's stats CSV for the backend "app": server name -> status. */
async function serverStatus(): Promise<Record<string, string>> {
  const res = await fetch(`${stats}/stats;csv`, { signal: AbortSignal.timeout(2000) });
  const [header, ...rows] = (await res.text()).trim().split('\n');
  const cols = header.replace(/^# /, '').split(',');
  const [px, sv, st] = ['pxname', 'svname', 'status'].map((c) => cols.indexOf(c));
  const out: Record<string, string> = {};
  for (const r of rows.map((l) => l.split(',')))
    if (r[px] === 'app' && r[sv] !== 'BACKEND') out[r[sv]] = r[st];
  return out;
}

const bothUp = (): Promise<Record<string, string>> =>
  until('both servers UP', 30_000, async () => {
    const s = await serverStatus();
    return s['order-1'] === 'UP' && s['order-2'] === 'UP' ? s : undefined;
  });

async function post(
  id: string,
): Promise<{ status: number; servedBy: string | null; body: { node?: string } }> {
  const res = await fetch(`${lb}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, user: 'u1', item: 'book' }),
    signal: AbortSignal.timeout(3000),
  });
  return {
    status: res.status,
    servedBy: res.headers.get('x-served-by'),
    body: (await res.json()) as { node?: string },
  };
}

async function list(): Promise<{ node: string; ids: string[] }> {
  const res = await fetch(`${lb}/orders`, { signal: AbortSignal.timeout(3000) });
  if (res.status !== 200) throw new Error(`GET /orders: ${res.status}`);
  const body = (await res.json()) as { node: string; ids: string[] };
  expect(res.headers.get('x-served-by')).toBe(body.node);
  return body;
}

/** Reads through the balancer until both nodes answered; node -> ids. */
async function readBoth(): Promise<Record<string, string[]>> {
  const seen: Record<string, string[]> = {};
  return until('answers from both nodes', 30_000, async () => {
    const r = await list();
    seen[r.node] = r.ids;
    return seen['order-1'] && seen['order-2'] ? seen : undefined;
  });
}

describe('service and haproxy images on a real engine', () => {
  beforeAll(async () => {
    await ensureBaseImage(docker);
    tags = await ensureImages(docker, ['service', 'haproxy'], (p) => progress.push(p));
    await tc.createNetwork();
    nodes['order-1'] = await tc.start('order-1', tags.service, {
      NODE_NAME: 'order-1',
      STORE_MODE: 'memory',
    });
    nodes['order-2'] = await tc.start('order-2', tags.service, { NODE_NAME: 'order-2', STORE_MODE: 'file' });
    const haproxy = await tc.start(
      'lb',
      tags.haproxy,
      { BACKENDS: 'order-1:8080,order-2:8080' },
      { 8080: '', 8404: '' },
    );
    lb = `http://127.0.0.1:${await hostPort(haproxy, 8080)}`;
    stats = `http://127.0.0.1:${await hostPort(haproxy, 8404)}`;
  }, 900_000);

  afterAll(() => tc.cleanup(), 60_000);

  it('tags images by content and reports them done or cached', async () => {
    expect(tags.service).toBe(await imageTag('service'));
    expect(tags.haproxy).toMatch(/^chaoslab\/haproxy:[0-9a-f]{12}$/);
    for (const name of ['service', 'haproxy']) {
      expect(['done', 'cached']).toContain(progress.filter((p) => p.name === name).at(-1)?.state);
    }
    const status = await imagesStatus(docker);
    expect(status.filter((s) => s.name === 'service' || s.name === 'haproxy').every((s) => s.present)).toBe(
      true,
    );
    const info = await docker.getImage(tags.service).inspect();
    expect(info.Config.Labels?.[MANAGED_LABEL]).toBe('true');
    // A second call builds nothing.
    const again: ImageProgress[] = [];
    const t0 = Date.now();
    await ensureImages(docker, ['service', 'haproxy'], (p) => again.push(p));
    expect(again.map((p) => p.state)).toEqual(['cached', 'cached']);
    expect(Date.now() - t0).toBeLessThan(2000);
    // Older content hashes go; the current tags stay.
    const removed = await pruneStaleImages(docker, ['service', 'haproxy']);
    expect(removed).not.toContain(tags.service);
    expect(removed).not.toContain(tags.haproxy);
    expect(await imageTag('haproxy')).toBe(tags.haproxy);
    expect((await imagesStatus(docker)).find((s) => s.name === 'haproxy')?.present).toBe(true);
  });

  it('HAProxy sees both servers UP in its stats CSV', async () => {
    expect(await bothUp()).toEqual({ 'order-1': 'UP', 'order-2': 'UP' });
  });

  it('balances writes round robin: 4 orders land 2 and 2, alternating', async () => {
    const served: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await post(`o-${i}`);
      expect(r.status).toBe(201);
      expect(r.servedBy).toBe(r.body.node);
      served.push(r.servedBy ?? '');
    }
    expect(served[0]).not.toBe(served[1]);
    expect(served[2]).toBe(served[0]);
    expect(served[3]).toBe(served[1]);
    expect(served.filter((s) => s === 'order-1')).toHaveLength(2);
    // Each store holds only what it was sent: the split scenario 1 teaches.
    const stores = await readBoth();
    expect(stores['order-1']).toHaveLength(2);
    expect(stores['order-2']).toHaveLength(2);
    expect([...stores['order-1'], ...stores['order-2']].sort()).toEqual(['o-1', 'o-2', 'o-3', 'o-4']);
  });

  it('after a restart the file store keeps its orders and the memory store is empty', async () => {
    const before = await readBoth();
    for (const name of ['order-1', 'order-2']) {
      const t0 = Date.now();
      await nodes[name].restart({ t: 10 });
      // Well under the 10 s grace period: node got SIGTERM (through tini) and closed.
      expect(Date.now() - t0).toBeLessThan(5000);
    }
    await bothUp();
    const after = await readBoth();
    expect(after['order-2']).toEqual(before['order-2']);
    expect(after['order-2']).toHaveLength(2);
    expect(after['order-1']).toEqual([]);
  });

  it('finds a backend again when it comes back with another address (DNS re-resolution)', async () => {
    const net = docker.getNetwork(netName);
    const ipOf = async (): Promise<string> =>
      (await nodes['order-2'].inspect()).NetworkSettings.Networks[netName]?.IPAddress ?? '';
    const before = await ipOf();
    await net.disconnect({ Container: nodes['order-2'].id, Force: true });
    // Another container takes the freed address, so order-2 comes back with a new one.
    await tc.start('filler', tags.service, { NODE_NAME: 'filler' });
    await net.connect({ Container: nodes['order-2'].id, EndpointConfig: { Aliases: ['order-2'] } });
    const after = await ipOf();
    expect(after).not.toBe(before);
    await until('order-2 served again through the balancer', 30_000, async () => {
      const s = await serverStatus();
      if (s['order-2'] !== 'UP') return undefined;
      const seen = await readBoth();
      return seen['order-2'].length === 2 ? true : undefined;
    });
  });

  it('moves writes to the live server within about a second when one is killed', async () => {
    await nodes['order-1'].kill();
    for (const id of ['k-1', 'k-2']) {
      const t0 = Date.now();
      const r = await post(id);
      expect(r.status).toBe(201);
      expect(r.servedBy).toBe('order-2');
      expect(Date.now() - t0).toBeLessThan(2500); // connect timeout 1 s, then redispatch
    }
    // DOWN by the health check, or "MAINT (resolution)" once the dead name stops resolving.
    const st = await until('order-1 out of rotation', 10_000, async () => {
      const v = (await serverStatus())['order-1'];
      return v && v !== 'UP' ? v : undefined;
    });
    expect(st).toMatch(/^(DOWN|MAINT)/);
  });

  it('reports a failing build step as IMAGE_BUILD_FAILED with the output', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const root = mkdtempSync(join(tmpdir(), 'chaoslab-broken-'));
    const saved = process.env.CHAOSLAB_RESOURCES;
    try {
      mkdirSync(join(root, 'images', 'broken'), { recursive: true });
      writeFileSync(
        join(root, 'images', 'broken', 'Dockerfile'),
        `FROM debian:bookworm-slim\nRUN echo about to fail ${runId} && false\nCMD ["true"]\n`,
      );
      process.env.CHAOSLAB_RESOURCES = root;
      const seen: ImageProgress[] = [];
      const err = await ensureImages(docker, ['broken'], (p) => seen.push(p)).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'IMAGE_BUILD_FAILED', definite: true });
      expect((err as Error).message).toBe(
        `image broken: step "RUN echo about to fail ${runId} && false" failed`,
      );
      expect((err as { detail: string }).detail).toContain(`about to fail ${runId}`);
      expect((err as { detail: string }).detail).toMatch(/non-zero code: 1/);
      expect(seen.at(-1)).toMatchObject({ name: 'broken', state: 'failed' });
    } finally {
      if (saved === undefined) delete process.env.CHAOSLAB_RESOURCES;
      else process.env.CHAOSLAB_RESOURCES = saved;
      rmSync(root, { recursive: true, force: true });
    }
  });
});
