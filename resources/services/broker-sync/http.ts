// HTTP for every role: a pure handler over a Backend (method, path, body -> status, JSON),
// and the node:http server that feeds it. Every response names the node that served it.
//   GET  /health        liveness
//   GET  /ready         200 once Kafka (and the store) are set up and the consumer joined
//                       (what the load balancer and the lab wait for)
//   GET  /info          role, topic, partitions and their leaders when the service started
//   POST /orders        {"id","user","item"} -> 201 once stored (sync) and acknowledged by Kafka
//   GET  /orders        {"ids": [...]} the orders this instance's store holds, in order
//   GET  /orders/:id    one order, or 404
//   GET  /log           {"ids": [...]} the effects of applied events, in order, duplicates kept
//   /points/*           named fault points (resources/services/lib/named-points.ts)
import { createServer, type Server } from 'node:http';
import type { NewOrder } from './events';
import type { NamedPoints } from '../lib/named-points';
// The same order body as the order service takes: one validation for both.
import { MAX_BODY_BYTES, parseOrderBody } from '../order-service/http';

export interface Reply {
  status: number;
  body: unknown;
}

export type CreateResult =
  | { kind: 'created'; partition: number; offset: string }
  | { kind: 'duplicate' }
  /** Kafka did not acknowledge in time: the event may or may not go out later. */
  | { kind: 'unacknowledged'; error: string; storedLocally: boolean };

export interface Backend {
  ready(): boolean;
  info(): unknown;
  /** Absent in a role that takes no orders (the writer). */
  create?(o: NewOrder): Promise<CreateResult>;
  list(): Promise<{ id: string }[]>;
  get(id: string): Promise<unknown | null>;
  /** Absent in a role that keeps no effects. */
  log?(): Promise<{ id: string }[]>;
}

export async function handle(
  method: string,
  url: string,
  body: string,
  node: string,
  b: Backend,
): Promise<Reply> {
  const path = url.split('?')[0];
  const reply = (status: number, payload: Record<string, unknown>): Reply => ({
    status,
    body: { ...payload, node },
  });
  const isRead = method === 'GET' || method === 'HEAD';
  if (path === '/health')
    return isRead ? reply(200, { ok: true }) : reply(405, { error: 'method not allowed' });
  if (path === '/ready') return b.ready() ? reply(200, { ready: true }) : reply(503, { ready: false });
  if (path === '/info' && isRead) return reply(200, { info: b.info() });
  if (path === '/orders' && isRead) {
    const orders = await b.list();
    return reply(200, { ids: orders.map((o) => o.id), orders });
  }
  if (path === '/orders' && method === 'POST') {
    if (!b.create) return reply(405, { error: 'this instance takes no orders' });
    if (!b.ready()) return reply(503, { error: 'not ready' });
    const parsed = parseOrderBody(body);
    if (!parsed.ok) return reply(400, { error: parsed.error });
    const r = await b.create(parsed.order);
    if (r.kind === 'duplicate') return reply(409, { error: 'duplicate' });
    if (r.kind === 'unacknowledged') return reply(504, { error: r.error, storedLocally: r.storedLocally });
    return reply(201, { id: parsed.order.id, partition: r.partition, offset: r.offset });
  }
  if (path.startsWith('/orders/') && isRead) {
    const o = await b.get(decodeURIComponent(path.slice('/orders/'.length)));
    return o ? reply(200, { order: o }) : reply(404, { error: 'not found' });
  }
  if (path === '/log' && isRead) {
    if (!b.log) return reply(404, { error: 'this instance keeps no effects' });
    const entries = await b.log();
    return reply(200, { ids: entries.map((e) => e.id), entries });
  }
  return reply(404, { error: 'not found' });
}

export function createHttpServer(
  node: string,
  backend: Backend,
  points: NamedPoints,
  log: (l: string) => void,
): Server {
  return createServer((req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    let size = 0;
    const send = (r: Reply): void => {
      const text = JSON.stringify(r.body);
      res.writeHead(r.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-served-by': node,
      });
      res.end(method === 'HEAD' ? undefined : text);
      if (method === 'POST' || r.status >= 500) log(`${method} ${url} ${r.status} ${Date.now() - started}ms`);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return send({ status: 413, body: { error: 'body too large', node } });
      const text = Buffer.concat(chunks).toString('utf8');
      const fail = (e: unknown) =>
        send({ status: 500, body: { error: e instanceof Error ? e.message : String(e), node } });
      if (url.startsWith('/points/')) {
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {
          return send({ status: 400, body: { error: 'body is not JSON', node } });
        }
        Promise.resolve(points.handle(req, res, parsed)).catch(fail);
        return;
      }
      handle(method, url, text, node, backend).then(send, fail);
    });
  });
}
