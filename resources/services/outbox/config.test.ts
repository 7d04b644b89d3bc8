import { describe, it, expect } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('has defaults for a writer in dual-write mode', () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      role: 'writer',
      node: 'writer',
      port: 8080,
      mode: 'dual-write',
      brokers: ['kafka:9092'],
      topic: 'orders',
      pg: { host: 'db', port: 5432, user: 'lab', password: 'lab', database: 'lab' },
      consumerDatabase: 'consumer',
      idempotent: true,
      pollMs: 200,
      batchSize: 10,
    });
  });

  it('reads the role knobs', () => {
    const c = readConfig({ ROLE: 'relay', POLL_MS: '50', BATCH_SIZE: '3', KAFKA_BROKERS: 'a:1, b:2' });
    expect([c.role, c.pollMs, c.batchSize, c.brokers]).toEqual(['relay', 50, 3, ['a:1', 'b:2']]);
    expect(readConfig({ ROLE: 'consumer', IDEMPOTENT: 'false' }).idempotent).toBe(false);
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(() => readConfig({ ROLE: 'boss' })).toThrow(/ROLE must be one of writer \| relay \| consumer/);
    expect(() => readConfig({ MODE: 'triple' })).toThrow(/MODE/);
    expect(() => readConfig({ POLL_MS: '0' })).toThrow(/POLL_MS must be an integer from 1/);
    expect(() => readConfig({ IDEMPOTENT: 'maybe' })).toThrow(/IDEMPOTENT/);
    expect(() => readConfig({ CONSUMER_DATABASE: 'x"; drop' })).toThrow(/identifier/);
  });
});
