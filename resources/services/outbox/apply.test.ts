import { describe, it, expect } from 'vitest';
import { applyDelivery, type Sql } from './apply';
import type { OrderCreated } from './event';

/** A fake store with the two tables' semantics (processed_events has a primary key). */
function fakeStore() {
  const processed = new Set<string>();
  const effects: string[] = [];
  const sql: Sql = {
    async query(text, params = []) {
      if (text.startsWith('INSERT INTO processed_events')) {
        const id = String(params[0]);
        if (processed.has(id)) return { rowCount: 0 };
        processed.add(id);
        return { rowCount: 1 };
      }
      if (text.startsWith('INSERT INTO effects')) {
        effects.push(String(params[1]));
        return { rowCount: 1 };
      }
      throw new Error(`unexpected SQL ${text}`);
    },
  };
  return { sql, effects };
}

const ev = (id: string, order: string): OrderCreated => ({
  eventId: id,
  type: 'OrderCreated',
  orderId: order,
  user: null,
  createdAt: '',
});

describe('applyDelivery', () => {
  it('idempotent: a redelivered event is skipped', async () => {
    const s = fakeStore();
    const d = { event: ev('e1', 'o1'), partition: 0, offset: '0' };
    expect(await applyDelivery(s.sql, d, true)).toBe('applied');
    expect(await applyDelivery(s.sql, { ...d, offset: '7' }, true)).toBe('skipped-duplicate');
    expect(s.effects).toEqual(['o1']);
  });

  it('blind: every delivery is an effect, so duplicates are countable', async () => {
    const s = fakeStore();
    const d = { event: ev('e1', 'o1'), partition: 0, offset: '0' };
    await applyDelivery(s.sql, d, false);
    await applyDelivery(s.sql, d, false);
    expect(s.effects).toEqual(['o1', 'o1']);
  });
});
