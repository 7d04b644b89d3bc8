import { describe, it, expect, afterEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { NamedPoints } from './named-points';
import { createJsonServer, header, route, type Request } from './json-server';

describe('route', () => {
  const routes = { 'GET /orders': () => ({ status: 200, body: {} }) };
  it('finds a handler, or says 405 for a known path and 404 otherwise', () => {
    expect(typeof route(routes, 'GET', '/orders')).toBe('function');
    expect(route(routes, 'DELETE', '/orders')).toMatchObject({ status: 405 });
    expect(route(routes, 'GET', '/nope')).toMatchObject({ status: 404 });
  });
});

describe('header', () => {
  it('gives a header’s first value, by any case of its name', () => {
    const req = (headers: Request['headers']): Request => ({
      method: 'GET',
      path: '/',
      headers,
      query: new URLSearchParams(),
      body: undefined,
    });
    expect(header(req({ 'idempotency-key': 'k1' }), 'Idempotency-Key')).toBe('k1');
    expect(header(req({ 'set-cookie': ['a', 'b'] }), 'set-cookie')).toBe('a');
    expect(header(req({}), 'x-none')).toBeUndefined();
  });
});

describe('createJsonServer', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  async function start(ready: boolean) {
    const points = new NamedPoints();
    server = createJsonServer({
      node: 'writer',
      points,
      log: () => undefined,
      routes: () => ({
        'POST /echo': (req) => ({ status: 201, body: { got: req.body } }),
        'GET /seen': (req) => ({
          status: 200,
          body: { key: header(req, 'idempotency-key') ?? null, state: req.query.get('state') },
        }),
      }),
      health: () => (ready ? { ok: true } : { ok: false, detail: 'starting' }),
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, points };
  }

  it('answers health, routes JSON (with the headers and query), names the node, and serves /points/*', async () => {
    const { base, points } = await start(true);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const r = await fetch(`${base}/echo`, { method: 'POST', body: JSON.stringify({ a: 1 }) });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-served-by')).toBe('writer');
    expect(await r.json()).toEqual({ got: { a: 1 }, node: 'writer' });
    const seen = await fetch(`${base}/seen?state=running`, { headers: { 'Idempotency-Key': 'k1' } });
    expect(await seen.json()).toEqual({ key: 'k1', state: 'running', node: 'writer' });
    const arm = await fetch(`${base}/points/arm`, { method: 'POST', body: JSON.stringify({ name: 'p' }) });
    expect(arm.status).toBe(200);
    let passed = false;
    void points.reach('p').then(() => (passed = true));
    expect(points.hitsSince(0)).toHaveLength(1);
    expect(passed).toBe(false);
    points.release('p');
  });

  it('is not healthy while starting, and refuses a body that is not JSON', async () => {
    const { base } = await start(false);
    const h = await fetch(`${base}/health`);
    expect([h.status, (await h.json()).detail]).toEqual([503, 'starting']);
    expect((await fetch(`${base}/echo`, { method: 'POST', body: '{' })).status).toBe(400);
  });

  it('answers 503 to the role’s routes until the role has started', async () => {
    server = createJsonServer({
      node: 'w',
      points: new NamedPoints(),
      log: () => undefined,
      routes: () => null,
      health: () => ({ ok: false }),
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const r = await fetch(`${base}/orders`, { method: 'POST', body: '{"id":"x"}' });
    expect([r.status, (await r.json()).error]).toEqual([503, 'starting']);
  });
});
