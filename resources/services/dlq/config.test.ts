import { describe, it, expect } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
  it('has defaults for the order API', () => {
    expect(readConfig({})).toMatchObject({
      role: 'orders',
      node: 'orders',
      port: 8080,
      brokers: ['kafka:9092'],
      topic: 'orders',
      partitions: 3,
      pg: { host: 'db', port: 5432, user: 'lab', password: 'lab', database: 'lab' },
      dlqTopic: 'orders.dlq',
      maxAttempts: 4,
      backoffMs: 100,
      connectorConfig: null,
    });
  });

  it('reads the consumer and cdc-admin knobs', () => {
    const c = readConfig({
      ROLE: 'payments',
      MAX_ATTEMPTS: '6',
      BACKOFF_MS: '50',
      KAFKA_BROKERS: 'a:1, b:2',
    });
    expect([c.role, c.maxAttempts, c.backoffMs, c.brokers]).toEqual(['payments', 6, 50, ['a:1', 'b:2']]);
    const a = readConfig({ ROLE: 'cdc-admin', CONNECTOR_CONFIG: '{"a":"1"}', CONNECT_URL: 'http://c:8083/' });
    expect([a.connectorConfig, a.connectUrl]).toEqual([{ a: '1' }, 'http://c:8083']);
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(() => readConfig({ ROLE: 'boss' })).toThrow(/ROLE must be one of/);
    expect(() => readConfig({ MAX_ATTEMPTS: '0' })).toThrow(/MAX_ATTEMPTS must be an integer from 1/);
    expect(() => readConfig({ PAYMENTS_DATABASE: 'x"; drop' })).toThrow(/identifier/);
    expect(() => readConfig({ ROLE: 'cdc-admin' })).toThrow(/needs CONNECTOR_CONFIG/);
    expect(() => readConfig({ ROLE: 'cdc-admin', CONNECTOR_CONFIG: '{"a":1}' })).toThrow(/must be a string/);
    expect(() => readConfig({ ROLE: 'cdc-admin', CONNECTOR_CONFIG: '[' })).toThrow(/not JSON/);
  });
});
