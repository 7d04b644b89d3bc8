import { describe, it, expect } from 'vitest';
import { handlePg, errorReply, type PgHandlerContext } from './pg-server';
import { createMapStore } from './store';
import { DbError } from './pg-tx';
import type { BuyResult, StockStore } from './stock';

function ctx(buy: (id: string) => Promise<BuyResult>): PgHandlerContext {
  const stock: StockStore = {
    buy,
    view: async () => ({ product: 'hot', stock: 3, version: 0, sold: 2, ids: ['a', 'b'] }),
  };
  return { node: 'order-1', store: createMapStore(), stock, now: () => new Date(0) };
}

describe('handlePg', () => {
  it('201 for a sale, with what was read and written', async () => {
    const r = await handlePg(
      'POST',
      '/buy',
      '{"id":"b1"}',
      ctx(async (id) => ({ kind: 'sold', id, read: 4, wrote: 3, attempts: 1 })),
    );
    expect(r).toEqual({ status: 201, body: { id: 'b1', node: 'order-1', read: 4, wrote: 3, attempts: 1 } });
  });

  it('409 for sold out and for giving up, with the reason', async () => {
    const out = await handlePg(
      'POST',
      '/buy',
      '{"id":"b1"}',
      ctx(async () => ({ kind: 'sold-out', read: 0, attempts: 1 })),
    );
    expect(out.status).toBe(409);
    expect(out.body).toMatchObject({ reason: 'sold-out' });
    const gave = await handlePg(
      'POST',
      '/buy',
      '{"id":"b1"}',
      ctx(async () => ({ kind: 'gave-up', attempts: 21 })),
    );
    expect(gave.body).toMatchObject({
      reason: 'gave-up',
      error: 'version conflict: gave up after 21 attempts',
    });
  });

  it('400 for a bad body, 405 for a wrong method', async () => {
    const c = ctx(async () => ({ kind: 'duplicate' }));
    expect((await handlePg('POST', '/buy', '{}', c)).status).toBe(400);
    expect((await handlePg('GET', '/buy', '', c)).status).toBe(405);
    expect((await handlePg('POST', '/stock', '', c)).status).toBe(405);
  });

  it('GET /stock returns stock, sold and the sale ids', async () => {
    const r = await handlePg(
      'GET',
      '/stock',
      '',
      ctx(async () => ({ kind: 'duplicate' })),
    );
    expect(r).toEqual({
      status: 200,
      body: { node: 'order-1', product: 'hot', stock: 3, version: 0, sold: 2, ids: ['a', 'b'] },
    });
  });

  it('a definite database failure is 503, an unknown one 500, both naming the node', async () => {
    const definite = await handlePg(
      'POST',
      '/buy',
      '{"id":"b1"}',
      ctx(async () => Promise.reject(new DbError('cannot reach the database', true))),
    );
    expect(definite).toEqual({
      status: 503,
      body: { error: 'cannot reach the database', definite: true, node: 'order-1' },
    });
    const unknown = await handlePg(
      'POST',
      '/buy',
      '{"id":"b1"}',
      ctx(async () => Promise.reject(new DbError('during COMMIT', false))),
    );
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({ definite: false });
    expect(errorReply(new Error('boom'), 'order-2')).toEqual({
      status: 500,
      body: { error: 'boom', definite: false, node: 'order-2' },
    });
  });

  it('falls through to the order routes', async () => {
    const c = ctx(async () => ({ kind: 'duplicate' }));
    expect((await handlePg('POST', '/orders', '{"id":"o1"}', c)).status).toBe(201);
    expect((await handlePg('GET', '/orders', '', c)).body).toMatchObject({ ids: ['o1'] });
    expect((await handlePg('GET', '/health', '', c)).status).toBe(200);
  });
});
