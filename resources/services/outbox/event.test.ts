import { describe, it, expect } from 'vitest';
import { decodeEvent, encodeEvent, parseOrder, type OrderCreated } from './event';

const e: OrderCreated = {
  eventId: 'ev-1',
  type: 'OrderCreated',
  orderId: 'order-001',
  user: 'user-1',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('OrderCreated on the wire', () => {
  it('round-trips, keyed by the order id, with the event id in a header', () => {
    const m = encodeEvent(e);
    expect(m.key).toBe('order-001');
    expect(m.headers['event-id']).toBe('ev-1');
    expect(decodeEvent(Buffer.from(m.value))).toEqual(e);
  });

  it('rejects what is not an OrderCreated event', () => {
    expect(() => decodeEvent(null)).toThrow(/empty/);
    expect(() => decodeEvent('{"type":"Other"}')).toThrow(/unknown event type/);
    expect(() => decodeEvent('{"type":"OrderCreated","orderId":"x"}')).toThrow(/eventId/);
    expect(() => decodeEvent('not json')).toThrow();
  });
});

describe('parseOrder', () => {
  it('takes {id, user}', () => {
    expect(parseOrder({ id: 'o1', user: 'u' })).toEqual({ ok: true, id: 'o1', user: 'u' });
    expect(parseOrder({ id: 'o1' })).toEqual({ ok: true, id: 'o1', user: null });
  });
  it('says what is wrong', () => {
    expect(parseOrder([])).toMatchObject({ ok: false, error: /object/ });
    expect(parseOrder({ id: '' })).toMatchObject({ ok: false, error: /id must/ });
    expect(parseOrder({ id: 'x', user: 5 })).toMatchObject({ ok: false, error: /user must/ });
  });
});
