import { describe, it, expect } from 'vitest';
import { nextOffset, orderCreated, parseEvent, replicaAssignment, toMessage } from './events';

const ev = orderCreated(
  { id: 'u1-001', user: 'user-1', item: 'book' },
  'order-1',
  new Date('2024-01-01T00:00:00Z'),
);

describe('events', () => {
  it('keys a message by user, or leaves the key out', () => {
    expect(toMessage(ev, 'user').key).toBe('user-1');
    expect(toMessage(ev, 'none').key).toBeNull();
    expect(parseEvent(toMessage(ev, 'none').value)).toEqual(ev);
  });

  it('reads back only OrderCreated events', () => {
    expect(parseEvent(Buffer.from(JSON.stringify(ev)))).toEqual(ev);
    for (const bad of [null, '', 'x', '{}', '{"type":"Other","id":"a"}', '{"type":"OrderCreated","id":""}'])
      expect(parseEvent(bad)).toBeNull();
  });

  it('assigns replicas so that partition p is led by broker p mod n, 3 replicas at most', () => {
    expect(replicaAssignment(1, [1])).toEqual([{ partition: 0, replicas: [1] }]);
    expect(replicaAssignment(2, [1, 2, 3])).toEqual([
      { partition: 0, replicas: [1, 2, 3] },
      { partition: 1, replicas: [2, 3, 1] },
    ]);
    expect(() => replicaAssignment(1, [])).toThrow();
  });

  it('commits the offset after the one applied, beyond 2^53', () => {
    expect(nextOffset('41')).toBe('42');
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });
});
