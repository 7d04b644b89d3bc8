import { describe, expect, it } from 'vitest';
import { proxiesFor, toxicFor, toxiproxyContainer, isToxicKind, type ProxySpec } from './proxies';

const proxies: ProxySpec[] = [
  { name: 'product', host: 'toxiproxy', listen: 18080, upstream: { container: 'product', port: 8080 } },
  { name: 'product-admin', host: 'toxiproxy', listen: 18081, upstream: { container: 'product', port: 9090 } },
  { name: 'db', host: 'toxiproxy-2', listen: 15432, upstream: { container: 'db', port: 5432 } },
];

describe('proxies in front of a dependency', () => {
  it('a fault on a container reaches every proxy in front of it; a proxy name reaches that proxy', () => {
    expect(proxiesFor(proxies, 'product').map((p) => p.name)).toEqual(['product', 'product-admin']);
    expect(proxiesFor(proxies, 'product-admin').map((p) => p.name)).toEqual(['product-admin']);
    expect(proxiesFor(proxies, 'details')).toEqual([]);
  });

  it('maps each network fault to its toxic, with defaults', () => {
    expect(toxicFor({ kind: 'latency', target: 'product', latencyMs: 800, jitterMs: 50 })).toEqual({
      name: 'chaoslab-latency',
      type: 'latency',
      stream: 'downstream',
      toxicity: 1,
      attributes: { latency: 800, jitter: 50 },
    });
    expect(toxicFor({ kind: 'latency', target: 'product' }).attributes).toEqual({ latency: 1000, jitter: 0 });
    expect(toxicFor({ kind: 'bandwidth', target: 'product', rateKBps: 4 }).attributes).toEqual({ rate: 4 });
    expect(toxicFor({ kind: 'timeout', target: 'product' })).toMatchObject({
      type: 'timeout',
      stream: 'upstream',
      attributes: { timeout: 0 },
    });
    expect(toxicFor({ kind: 'reset', target: 'product', afterMs: 100 })).toMatchObject({
      type: 'reset_peer',
      attributes: { timeout: 100 },
    });
    expect(isToxicKind('latency') && isToxicKind('reset') && !isToxicKind('kill')).toBe(true);
  });

  it('the Toxiproxy container loads only its own proxies and is ready when all are listed', () => {
    const c = toxiproxyContainer('toxiproxy', proxies, { seed: 7 });
    expect(JSON.parse(c.env!.TOXIPROXY_PROXIES)).toEqual([
      { name: 'product', listen: '0.0.0.0:18080', upstream: 'product:8080', enabled: true },
      { name: 'product-admin', listen: '0.0.0.0:18081', upstream: 'product:9090', enabled: true },
    ]);
    expect(c.env!.TOXIPROXY_SEED).toBe('7');
    expect(c.ports).toEqual([8474, 18080, 18081]);
    expect(c.wait).toMatchObject({ kind: 'http', path: '/proxies', match: { count: 2 } });
  });
});
