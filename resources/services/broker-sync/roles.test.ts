import { describe, it, expect } from 'vitest';
import { syncBackend } from './roles';
import { parseConfig } from './config';
import type { SyncStore, OrderRow, EffectRow } from './sqlite-store';
import type { OrderCreated } from './events';

function memoryStore(): SyncStore & { calls: string[] } {
  const orders: OrderRow[] = [];
  const effects: EffectRow[] = [];
  const calls: string[] = [];
  return {
    calls,
    async insertLocal(o) {
      calls.push(`local ${o.id}`);
      if (orders.some((x) => x.id === o.id)) return 'duplicate';
      orders.push(o);
      return 'created';
    },
    async apply(ev, at, idempotent) {
      if (!orders.some((x) => x.id === ev.id))
        orders.push({ id: ev.id, user: ev.user, item: ev.item, origin: ev.origin });
      if (idempotent && effects.some((e) => e.id === ev.id)) return { effect: false };
      effects.push({ id: ev.id, user: ev.user, origin: ev.origin, ...at });
      return { effect: true };
    },
    orders: async () => orders,
    get: async (id) => orders.find((o) => o.id === id) ?? null,
    effects: async () => effects,
    close: async () => undefined,
  };
}

const state = { ready: true, partitions: [] };

describe('syncBackend', () => {
  it('stores the order locally before it publishes, and answers with where Kafka put it', async () => {
    const store = memoryStore();
    const sent: OrderCreated[] = [];
    const b = syncBackend(
      parseConfig({ NODE_NAME: 'order-1' }),
      store,
      {
        publish: async (ev) => {
          store.calls.push(`publish ${ev.id}`);
          sent.push(ev);
          return { partition: 0, offset: '3' };
        },
      },
      state,
    );
    expect(await b.create!({ id: 'a', user: 'u', item: null })).toEqual({
      kind: 'created',
      partition: 0,
      offset: '3',
    });
    expect(store.calls).toEqual(['local a', 'publish a']);
    expect(sent[0]).toMatchObject({ type: 'OrderCreated', id: 'a', origin: 'order-1' });
    expect(await b.create!({ id: 'a', user: 'u', item: null })).toEqual({ kind: 'duplicate' });
  });

  it('reports an unacknowledged publish, the order being stored locally', async () => {
    const b = syncBackend(
      parseConfig({}),
      memoryStore(),
      { publish: async () => Promise.reject(new Error('down')) },
      state,
    );
    expect(await b.create!({ id: 'a', user: null, item: null })).toEqual({
      kind: 'unacknowledged',
      error: 'down',
      storedLocally: true,
    });
  });

  it('applies an event once when idempotent, once per delivery when not', async () => {
    for (const [idem, copies] of [
      ['true', 1],
      ['false', 2],
    ] as const) {
      const store = memoryStore();
      const b = syncBackend(
        parseConfig({ IDEMPOTENT: idem }),
        store,
        { publish: async () => ({ partition: 0, offset: '0' }) },
        state,
      );
      const ev: OrderCreated = {
        type: 'OrderCreated',
        id: 'x',
        user: 'u',
        item: null,
        origin: 'order-2',
        createdAt: '',
      };
      await b.applyEvent(ev, { partition: 0, offset: '5' });
      await b.applyEvent(ev, { partition: 0, offset: '5' });
      expect((await b.log!()).length).toBe(copies);
      expect((await b.list()).length).toBe(1);
    }
  });
});
