import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ChannelName, EventName, Events, Req, Res } from '../contract/channels';
import type { LabService } from '../contract/service';
import type { ServerMessage } from '../contract/wire';
import { LabError } from '../engine/errors';
import { startServer, type RunningServer } from './start-server';

const listeners = new Set<(p: Events['engine:changed']) => void>();
const service: LabService = {
  async handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
    if (channel === 'engine:status')
      return { reachable: true, address: 'x', images: [], leftovers: 0 } as Res<K>;
    if (channel === 'runs:stop')
      throw new LabError('RUN_NOT_FOUND', `no run ${(req as Req<'runs:stop'>).runId}`);
    throw new Error('boom');
  },
  subscribe<E extends EventName>(event: E, l: (p: Events[E]) => void) {
    if (event !== 'engine:changed') return () => {};
    const f = l as (p: Events['engine:changed']) => void;
    listeners.add(f);
    return () => void listeners.delete(f);
  },
};

let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chaoslab-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>lab</title>');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'secret');
  server = await startServer({ service, staticDir: dir });
});
afterAll(() => server.close());

function get(
  p: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path: p, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function open(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function next(ws: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) =>
    ws.once('message', (d) => resolve(JSON.parse(d.toString()) as ServerMessage)),
  );
}

describe('startServer', () => {
  it('prints a loopback URL carrying a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the page only with the token: 401 without, 403 with a wrong one, then a cookie', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(403);
    const ok = await get(`/?token=${server.token}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('<title>lab</title>');
    expect(ok.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(ok.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`chaoslab_token_${server.port}=${server.token}`);
    expect(String(ok.headers['set-cookie'])).toContain('HttpOnly');
    expect((await get('/assets/app.js', { cookie })).status).toBe(200);
    // Client-side routes fall back to the page.
    expect((await get('/runs/abc', { cookie })).body).toContain('<title>lab</title>');
  });

  it('never serves a file outside the static folder', async () => {
    const r = await get(`/..%2Fsecret.txt?token=${server.token}`);
    expect(r.body).not.toContain('secret');
    expect([400, 404]).toContain(r.status);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, { host: 'evil.example:80' })).status).toBe(403);
  });

  it('refuses the API socket without the token (401), with a wrong one or a foreign origin (403)', async () => {
    await expect(open('')).rejects.toThrow('HTTP 401');
    await expect(open('?token=nope')).rejects.toThrow('HTTP 403');
    await expect(open(`?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(
      'HTTP 403',
    );
  });

  it('answers requests as values, validates payloads and pushes subscribed events', async () => {
    const ws = await open(`?token=${server.token}`);
    ws.send(JSON.stringify({ id: 1, channel: 'engine:status', req: {} }));
    expect(await next(ws)).toEqual({
      id: 1,
      result: { ok: { reachable: true, address: 'x', images: [], leftovers: 0 } },
    });

    ws.send(
      JSON.stringify({
        id: 2,
        channel: 'runs:fault',
        req: { runId: 'r', fault: { kind: 'explode', target: 'order-1' } },
      }),
    );
    const bad = await next(ws);
    expect(bad).toMatchObject({ id: 2, result: { error: { code: 'BAD_REQUEST', definite: true } } });
    expect(JSON.stringify(bad)).toContain('fault.kind');

    ws.send(JSON.stringify({ id: 3, channel: 'runs:stop', req: { runId: 'r9' } }));
    expect(await next(ws)).toEqual({
      id: 3,
      result: { error: { code: 'RUN_NOT_FOUND', message: 'no run r9', definite: true } },
    });

    ws.send(JSON.stringify({ id: 4, channel: 'runs:list', req: {} }));
    expect(await next(ws)).toMatchObject({ id: 4, result: { error: { code: 'INTERNAL', message: 'boom' } } });

    ws.send(JSON.stringify({ id: 5, channel: 'fs:read', req: {} }));
    expect(await next(ws)).toMatchObject({
      id: 5,
      result: { error: { code: 'BAD_REQUEST', message: 'unknown channel "fs:read"' } },
    });

    ws.send('not json');
    expect(await next(ws)).toMatchObject({ id: null, result: { error: { code: 'BAD_REQUEST' } } });

    ws.send(JSON.stringify({ subscribe: 'engine:changed' }));
    await new Promise((r) => setTimeout(r, 50));
    const pushed = next(ws);
    for (const l of listeners) l({ reachable: false, address: 'y', images: [], leftovers: 0 });
    expect(await pushed).toEqual({
      event: 'engine:changed',
      payload: { reachable: false, address: 'y', images: [], leftovers: 0 },
    });
    // A burst travels as one batch, in order.
    const burst = next(ws);
    for (let i = 0; i < 3; i++)
      for (const l of listeners) l({ reachable: true, address: `a${i}`, images: [], leftovers: 0 });
    const b = await burst;
    expect('batch' in b && b.batch.map((e) => (e.payload as { address: string }).address)).toEqual([
      'a0',
      'a1',
      'a2',
    ]);
    ws.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(listeners.size).toBe(0);
  });

  it('does not listen on any non-loopback address', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const address of external) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: server.port, timeout: 2000 });
        s.once('connect', () => {
          s.destroy();
          resolve(false);
        });
        s.once('error', () => resolve(true));
        s.once('timeout', () => {
          s.destroy();
          resolve(true);
        });
      });
      expect(refused, `reachable on ${address}`).toBe(true);
    }
  });
});
