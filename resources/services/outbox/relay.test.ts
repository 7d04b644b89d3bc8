import { describe, it, expect } from 'vitest';
import { Relay, POINT_AFTER_PUBLISH, type OutboxRow, type RelayDeps } from './relay';

function setup(rows: OutboxRow[]) {
  const log: string[] = [];
  const unsent = [...rows];
  const deps: RelayDeps = {
    fetchUnsent: async (limit) => unsent.slice(0, limit),
    publish: async (r) => void log.push(`publish ${r.map((x) => x.id).join(',')}`),
    reach: async (point) => void log.push(`point ${point}`),
    markSent: async (ids) => {
      log.push(`mark ${ids.join(',')}`);
      for (const id of ids)
        unsent.splice(
          unsent.findIndex((r) => r.id === id),
          1,
        );
    },
    sleep: async () => undefined,
    log: () => undefined,
    now: () => 0,
  };
  return { deps, log, unsent };
}

const row = (id: string): OutboxRow => ({
  id,
  event: { eventId: `e${id}`, type: 'OrderCreated', orderId: `o${id}`, user: null, createdAt: '' },
});

describe('Relay.once', () => {
  it('publishes in id order, reaches the point, then marks: in that order', async () => {
    const s = setup([row('1'), row('2'), row('3')]);
    const r = new Relay(s.deps, 100, 2);
    expect(await r.once()).toBe(2);
    expect(await r.once()).toBe(1);
    expect(await r.once()).toBe(0);
    expect(s.log).toEqual([
      'publish 1,2',
      `point ${POINT_AFTER_PUBLISH}`,
      'mark 1,2',
      'publish 3',
      `point ${POINT_AFTER_PUBLISH}`,
      'mark 3',
    ]);
    expect(r.stats()).toMatchObject({ polls: 3, queries: 5, published: 3, marked: 3 });
  });

  it('a relay that dies at the point leaves the rows unsent: the next relay publishes them again', async () => {
    const s = setup([row('1')]);
    const dying = new Relay({ ...s.deps, reach: () => Promise.reject(new Error('killed')) }, 100, 10);
    await expect(dying.once()).rejects.toThrow('killed');
    expect(s.unsent.map((r) => r.id)).toEqual(['1']);
    const next = new Relay(s.deps, 100, 10);
    await next.once();
    expect(s.log.filter((l) => l.startsWith('publish'))).toEqual(['publish 1', 'publish 1']);
    expect(s.unsent).toEqual([]);
  });
});
