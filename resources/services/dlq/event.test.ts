import { describe, it, expect } from 'vitest';
import { decodeEvent, encodeEvent, orderKey, parseOrderRequest, type OrderPlaced } from './event';

describe('parseOrderRequest', () => {
  it('takes a ref, and defaults the amount and the card', () => {
    expect(parseOrderRequest({ ref: 'r1' })).toEqual({
      ok: true,
      order: { ref: 'r1', user: null, amountCents: 1000, card: 'valid' },
    });
    expect(parseOrderRequest({ ref: 'r1', user: 'u', amountCents: 5, card: 'poison' })).toMatchObject({
      ok: true,
      order: { card: 'poison', amountCents: 5, user: 'u' },
    });
  });

  it('refuses a missing ref, a bad card or amount', () => {
    expect(parseOrderRequest({})).toMatchObject({ ok: false, error: /ref/ });
    expect(parseOrderRequest({ ref: 'r', card: 'gold' })).toMatchObject({ ok: false, error: /card/ });
    expect(parseOrderRequest({ ref: 'r', amountCents: 0 })).toMatchObject({
      ok: false,
      error: /amountCents/,
    });
    expect(parseOrderRequest([1])).toMatchObject({ ok: false });
  });
});

describe('events', () => {
  const e: OrderPlaced = {
    type: 'OrderPlaced',
    orderId: 'o7',
    ref: 'r1',
    user: null,
    amountCents: 10,
    card: 'flaky',
  };
  it('round-trips, keyed by the order id', () => {
    const m = encodeEvent(e);
    expect(m.key).toBe('o7');
    expect(decodeEvent(Buffer.from(m.value))).toEqual(e);
  });
  it('refuses what is not an OrderPlaced', () => {
    expect(() => decodeEvent(null)).toThrow(/empty/);
    expect(() => decodeEvent('{"type":"X"}')).toThrow(/unknown event type/);
    expect(() => decodeEvent('{"type":"OrderPlaced","ref":"r"}')).toThrow(/orderId/);
  });
  it('names an order by ref and id', () => {
    expect(orderKey('order-001', 'o3')).toBe('order-001/o3');
  });
});
