import { describe, it, expect } from 'vitest';
import { input, op } from '../../main/engine/checks/history.fixture';
import { redelivery } from './redelivery';

const settle = (value: unknown) => [
  op('client', 'invoke', 'settle', undefined, 0),
  op('client', 'ok', 'settle', value, 10),
];

describe('redelivery', () => {
  it('counts the events sent again and the copies the consumer skipped', () => {
    const r = redelivery().check(
      input(settle({ orders: 100, consumer: { messagesOnTopic: 107, 'skipped-duplicate': 7 } }), []),
    );
    expect(r.valid).toBe(true);
    expect(r.stats).toEqual({ orders: 100, messagesOnTopic: 107, resent: 7, skippedDuplicates: 7 });
    expect(r.summary).toMatch(/7 events sent again/);
  });
  it('says so when nothing was counted', () => {
    expect(redelivery().check(input([], [])).summary).toMatch(/not counted/);
  });
});
