import { describe, it, expect } from 'vitest';
import { handle, type Backend, type CreateResult } from './http';

function backend(
  over: Partial<Backend> = {},
  result: CreateResult = { kind: 'created', partition: 2, offset: '7' },
): Backend {
  return {
    ready: () => true,
    info: () => ({ role: 'sync' }),
    create: async () => result,
    list: async () => [{ id: 'a' }, { id: 'b' }],
    get: async (id) => (id === 'a' ? { id: 'a' } : null),
    log: async () => [{ id: 'a' }, { id: 'a' }],
    ...over,
  };
}

const post = (b: Backend, body = '{"id":"a","user":"u"}') => handle('POST', '/orders', body, 'order-1', b);

describe('handle', () => {
  it('answers 201 with where Kafka put the event', async () => {
    expect(await post(backend())).toEqual({
      status: 201,
      body: { id: 'a', partition: 2, offset: '7', node: 'order-1' },
    });
  });

  it('504 when Kafka did not acknowledge (outcome unknown), 409 for a duplicate, 400 for a bad body', async () => {
    const r = await post(backend({}, { kind: 'unacknowledged', error: 'timeout', storedLocally: true }));
    expect(r.status).toBe(504);
    expect(r.body).toMatchObject({ storedLocally: true });
    expect((await post(backend({}, { kind: 'duplicate' }))).status).toBe(409);
    expect((await post(backend(), '{"user":"u"}')).status).toBe(400);
  });

  it('takes no order before it is ready, and none in a role without create', async () => {
    expect((await post(backend({ ready: () => false }))).status).toBe(503);
    expect((await post(backend({ create: undefined }))).status).toBe(405);
    expect((await handle('GET', '/ready', '', 'n', backend({ ready: () => false }))).status).toBe(503);
    expect((await handle('GET', '/health', '', 'n', backend({ ready: () => false }))).status).toBe(200);
  });

  it('lists state and log (duplicates kept), and reads one order', async () => {
    expect((await handle('GET', '/orders', '', 'n', backend())).body).toMatchObject({ ids: ['a', 'b'] });
    expect((await handle('GET', '/log', '', 'n', backend())).body).toMatchObject({ ids: ['a', 'a'] });
    expect((await handle('GET', '/log', '', 'n', backend({ log: undefined }))).status).toBe(404);
    expect((await handle('GET', '/orders/a', '', 'n', backend())).status).toBe(200);
    expect((await handle('GET', '/orders/zz', '', 'n', backend())).status).toBe(404);
  });

  it('validates the body as the order service does', async () => {
    for (const bad of ['', '[]', '{}', '{"id":5}', '{"id":"a","user":3}'])
      expect((await handle('POST', '/orders', bad, 'n', backend())).status).toBe(400);
  });
});
