import { describe, it, expect } from 'vitest';
import { parseConfig, parseProducts } from './config';

describe('parseConfig', () => {
  it('reads a participant with defaults', () => {
    const c = parseConfig({ ROLE: 'inventory', PRODUCTS: 'p1:5,p2:7' });
    expect(c).toMatchObject({
      role: 'inventory',
      node: 'inventory',
      port: 8080,
      database: 'inventory',
      idempotent: true,
      brokenCompensation: false,
      products: [
        { id: 'p1', stock: 5 },
        { id: 'p2', stock: 7 },
      ],
    });
    expect(c.peers.payment).toBe('http://payment:8080');
  });

  it('rejects an unknown role and bad numbers', () => {
    expect(() => parseConfig({ ROLE: 'kitchen' })).toThrow(/ROLE/);
    expect(() => parseConfig({ ROLE: 'payment', FAIL_PERCENT: '120' })).toThrow(/FAIL_PERCENT/);
    expect(() => parseConfig({ ROLE: 'payment', IDEMPOTENT: 'maybe' })).toThrow(/IDEMPOTENT/);
  });

  it('parses the knobs of the reconciliation roles', () => {
    const c = parseConfig({
      ROLE: 'reconciler',
      SOURCE_URL: 'http://order:8080/',
      COPY_URL: 'http://shipping:8080',
      PERIOD_MS: '500',
      RECONCILE: 'off',
    });
    expect(c).toMatchObject({
      sourceUrl: 'http://order:8080',
      copyUrl: 'http://shipping:8080',
      periodMs: 500,
      reconcile: false,
    });
  });

  it('parseProducts refuses malformed lists', () => {
    expect(() => parseProducts('p1=3')).toThrow();
    expect(() => parseProducts('p1:3,p1:4')).toThrow(/twice/);
    expect(parseProducts('')).toEqual([]);
  });
});
