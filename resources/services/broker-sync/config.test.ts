import { describe, it, expect } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
  it('has defaults for a sync instance', () => {
    const c = parseConfig({ NODE_NAME: 'order-1' });
    expect(c).toMatchObject({
      role: 'sync',
      node: 'order-1',
      brokers: ['kafka-1:9092'],
      brokerIds: [1],
      acks: -1,
      partitionKey: 'user',
      idempotent: true,
      groupId: 'sync-order-1',
      consumerBatchMs: 0,
    });
  });

  it('reads the knobs the scenarios set', () => {
    const c = parseConfig({
      ROLE: 'front',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092,kafka-3:9092',
      ACKS: '1',
      PARTITION_KEY: 'none',
      IDEMPOTENT: 'false',
      PARTITIONS: '4',
      GROUP_ID: 'order-group',
    });
    expect(c.brokers).toHaveLength(3);
    expect(c.brokerIds).toEqual([1, 2, 3]);
    expect([c.role, c.acks, c.partitionKey, c.idempotent, c.partitions, c.groupId]).toEqual([
      'front',
      1,
      'none',
      false,
      4,
      'order-group',
    ]);
  });

  it.each([
    ['ROLE', 'reader'],
    ['ACKS', '2'],
    ['PARTITION_KEY', 'order'],
    ['PARTITIONS', '0'],
    ['IDEMPOTENT', 'yes'],
    ['BROKER_IDS', 'a'],
  ])('rejects %s=%s', (k, v) => {
    expect(() => parseConfig({ [k]: v })).toThrow(k);
  });
});
