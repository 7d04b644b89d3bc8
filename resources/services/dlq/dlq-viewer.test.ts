import { describe, it, expect } from 'vitest';
import { deadLetterId } from './dlq-viewer';
import { encodeEvent } from './event';

describe('deadLetterId', () => {
  it('names a dead letter by the ref and order id it carries, else by its key', () => {
    const m = encodeEvent({
      type: 'OrderPlaced',
      orderId: 'o4',
      ref: 'order-002',
      user: null,
      amountCents: 1,
      card: 'poison',
    });
    expect(deadLetterId(m.key, Buffer.from(m.value))).toBe('order-002/o4');
    expect(deadLetterId('o9', Buffer.from('not json'))).toBe('?/o9');
    expect(deadLetterId(null, null)).toBe('?/');
  });
});
