import { describe, it, expect } from 'vitest';
import { applyDelivery, type Sql } from './apply';
import { lagOf } from '../lib/kafka';
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

describe('lagOf', () => {
  const parts = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '2', high: '5' },
  ];
  it('counts from the low watermark when nothing was processed or committed', () => {
    expect(lagOf(parts, new Map(), new Map())).toBe(10 + 3);
  });
  it('uses the furthest of committed offset and processed offset + 1', () => {
    expect(lagOf(parts, new Map([[0, 9n]]), new Map([[1, 4n]]))).toBe(0 + 1);
    expect(
      lagOf(
        parts,
        new Map([[0, 3n]]),
        new Map([
          [0, 8n],
          [1, -1n],
        ]),
      ),
    ).toBe(2 + 3);
  });
});
