import { describe, expect, it, afterEach } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createOrderServer, handle, parseOrderBody, type HandlerContext } from './http';
import { createMapStore, parseStoreMode } from './store';

const ctx = (): HandlerContext => ({
  node: 'order-1',
  store: createMapStore(),
  now: () => new Date('2024-01-01T00:00:00Z'),
});

describe('parseOrderBody', () => {
  it('accepts an id with optional user and item', () => {
    expect(parseOrderBody('{"id":"a"}')).toEqual({ ok: true, order: { id: 'a', user: null, item: null } });
    expect(parseOrderBody('{"id":"a","user":"u","item":"i"}')).toEqual({
      ok: true,
      order: { id: 'a', user: 'u', item: 'i' },
    });
  });
  it.each([
    '',
    'nope',
    '[]',
    'null',
    '{}',
    '{"id":""}',
    '{"id":3}',
    '{"id":"a","user":5}',
    `{"id":"${'x'.repeat(201)}"}`,
  ])('rejects %s', (body) => {
    expect(parseOrderBody(body).ok).toBe(false);
  });
});

describe('handle', () => {
  it('answers health with the node name', async () => {
    expect(await handle('GET', '/health', '', ctx())).toEqual({
      status: 200,
      body: { node: 'order-1', ok: true },
    });
  });
  it('creates, refuses duplicates and lists in insertion order', async () => {
    const c = ctx();
    expect(await handle('POST', '/orders', '{"id":"b","user":"u"}', c)).toEqual({
      status: 201,
      body: { id: 'b', node: 'order-1' },
    });
    expect(await handle('POST', '/orders', '{"id":"a"}', c)).toMatchObject({ status: 201 });
    expect(await handle('POST', '/orders', '{"id":"b"}', c)).toEqual({
      status: 409,
      body: { error: 'duplicate', node: 'order-1' },
    });
    const list = await handle('GET', '/orders', '', c);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      node: 'order-1',
      ids: ['b', 'a'],
      orders: [
        { id: 'b', user: 'u', item: null, createdAt: '2024-01-01T00:00:00.000Z' },
        { id: 'a', user: null, item: null, createdAt: '2024-01-01T00:00:00.000Z' },
      ],
    });
  });
  it('answers 400, 404 and 405', async () => {
    expect((await handle('POST', '/orders', 'x', ctx())).status).toBe(400);
    expect((await handle('GET', '/nope', '', ctx())).status).toBe(404);
    expect((await handle('DELETE', '/orders', '', ctx())).status).toBe(405);
  });
});

describe('parseStoreMode', () => {
  it('defaults to memory and refuses unknown modes', () => {
    expect(parseStoreMode(undefined)).toBe('memory');
    expect(parseStoreMode('file')).toBe('file');
    expect(() => parseStoreMode('disk')).toThrow(/memory or file/);
  });
});

describe('createOrderServer (loopback)', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('sets X-Served-By on every response and logs one line per request', async () => {
    const lines: string[] = [];
    server = createOrderServer(ctx(), { log: (l) => lines.push(l) });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = await fetch(`${base}/orders`, { method: 'POST', body: '{"id":"x1"}' });
    expect(post.status).toBe(201);
    expect(post.headers.get('x-served-by')).toBe('order-1');
    const bad = await fetch(`${base}/orders`, { method: 'POST', body: '{' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-served-by')).toBe('order-1');
    const big = await fetch(`${base}/orders`, { method: 'POST', body: 'x'.repeat(70_000) });
    expect(big.status).toBe(413);
    const health = await fetch(`${base}/health`);
    expect(await health.json()).toEqual({ node: 'order-1', ok: true });
    expect(lines).toHaveLength(3); // successful health checks are not logged by default
    expect(lines[0]).toMatch(/^POST \/orders 201 \d+ms$/);
  });
});
