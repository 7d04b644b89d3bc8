// httpJson against a local server: the body and extra headers arrive, JSON comes back parsed;
// a refused connection is a definite failure, a timeout an unknown outcome.
import { describe, it, expect } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { httpJson, HttpOutcomeError } from './http-json';

async function serve(handler: http.RequestListener): Promise<{ port: number; close(): void }> {
  const s = http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return { port: (s.address() as net.AddressInfo).port, close: () => s.close() };
}

describe('httpJson', () => {
  it('sends the JSON body with the extra headers; parses the answer', async () => {
    const srv = await serve((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            got: JSON.parse(b),
            key: req.headers['idempotency-key'],
            ct: req.headers['content-type'],
          }),
        );
      });
    });
    try {
      const r = await httpJson(
        { host: '127.0.0.1', port: srv.port },
        'POST',
        '/orders',
        { id: 'o1' },
        2000,
        undefined,
        {
          'Idempotency-Key': 'k-1',
        },
      );
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ got: { id: 'o1' }, key: 'k-1', ct: 'application/json' });
    } finally {
      srv.close();
    }
  });

  it('refused: definite; timed out: unknown outcome', async () => {
    const srv = await serve(() => undefined); // never answers
    try {
      const t = (await httpJson({ host: '127.0.0.1', port: srv.port }, 'GET', '/', undefined, 100).catch(
        (e: unknown) => e,
      )) as HttpOutcomeError;
      expect(t).toBeInstanceOf(HttpOutcomeError);
      expect(t.definite).toBe(false);
    } finally {
      srv.close();
    }
    const closed = await serve(() => undefined);
    closed.close();
    await new Promise((r) => setTimeout(r, 50));
    const e = (await httpJson({ host: '127.0.0.1', port: closed.port }, 'GET', '/', undefined, 1000).catch(
      (x: unknown) => x,
    )) as HttpOutcomeError;
    expect(e.definite).toBe(true);
  });
});
