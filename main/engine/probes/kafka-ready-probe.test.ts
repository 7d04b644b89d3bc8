// The Kafka readiness probe says no, quickly, to what is not a ready Kafka: nothing listening,
// or a server that accepts and says nothing (docker-proxy in front of a booting broker).
// (Yes from a real broker: every Kafka scenario's docker test starts through it.)
import { describe, it, expect } from 'vitest';
import net from 'node:net';
import { kafkaAnswers } from './kafka-ready-probe';

describe('kafkaAnswers', () => {
  it('no listener: false', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    expect(await kafkaAnswers({ host: '127.0.0.1', port }, 500)).toBe(false);
  });

  it('a listener that accepts and closes (a port published before the broker listens): false within the timeout', async () => {
    const s = net.createServer((c) => c.destroy());
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    const t0 = Date.now();
    try {
      expect(await kafkaAnswers({ host: '127.0.0.1', port }, 500)).toBe(false);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      s.close();
    }
  });
});
