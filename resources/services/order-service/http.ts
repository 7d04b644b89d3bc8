// HTTP layer: a pure request handler (method, path, body -> status, JSON) and the
// node:http server that feeds it. Every response names the node that served it.
import { createServer, type Server } from 'node:http';
import type { Order, OrderStore } from './store';

export interface Reply {
  status: number;
  body: unknown;
}

export interface HandlerContext {
  node: string;
  store: OrderStore;
  now(): Date;
}

export const MAX_BODY_BYTES = 64 * 1024;
const MAX_FIELD = 200;

export type ParsedOrder = { ok: true; order: Omit<Order, 'createdAt'> } | { ok: false; error: string };

function optionalString(v: unknown, name: string): string | null | Error {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > MAX_FIELD)
    return new Error(`${name} must be a string of at most ${MAX_FIELD} characters`);
  return v;
}

export function parseOrderBody(text: string): ParsedOrder {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, error: 'body is not JSON' };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return { ok: false, error: 'body must be a JSON object' };
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.length === 0 || o.id.length > MAX_FIELD) {
    return { ok: false, error: `id must be a non-empty string of at most ${MAX_FIELD} characters` };
  }
  const user = optionalString(o.user, 'user');
  if (user instanceof Error) return { ok: false, error: user.message };
  const item = optionalString(o.item, 'item');
  if (item instanceof Error) return { ok: false, error: item.message };
  return { ok: true, order: { id: o.id, user, item } };
}

export async function handle(
  method: string,
  path: string,
  body: string,
  ctx: HandlerContext,
): Promise<Reply> {
  const node = ctx.node;
  const route = path.split('?')[0];
  if (route === '/health') {
    if (method !== 'GET' && method !== 'HEAD')
      return { status: 405, body: { error: 'method not allowed', node } };
    return { status: 200, body: { node, ok: true } };
  }
  if (route === '/orders') {
    if (method === 'GET') {
      const orders = await ctx.store.list();
      return { status: 200, body: { node, ids: orders.map((o) => o.id), orders } };
    }
    if (method === 'POST') {
      const parsed = parseOrderBody(body);
      if (!parsed.ok) return { status: 400, body: { error: parsed.error, node } };
      const result = await ctx.store.insert({ ...parsed.order, createdAt: ctx.now().toISOString() });
      if (result === 'duplicate') return { status: 409, body: { error: 'duplicate', node } };
      return { status: 201, body: { id: parsed.order.id, node } };
    }
    return { status: 405, body: { error: 'method not allowed', node } };
  }
  return { status: 404, body: { error: 'not found', node } };
}

export interface ServerOptions {
  /** One short line per request. */
  log(line: string): void;
  /** Log successful health checks too (the load balancer sends two a second). */
  logHealth?: boolean;
}

export function createOrderServer(ctx: HandlerContext, opts: ServerOptions): Server {
  return createServer((req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const send = (r: Reply): void => {
      const text = JSON.stringify(r.body);
      res.writeHead(r.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-served-by': ctx.node,
      });
      res.end(method === 'HEAD' ? undefined : text);
      if (opts.logHealth || !(url === '/health' && r.status === 200)) {
        opts.log(`${method} ${url} ${r.status} ${Date.now() - started}ms`);
      }
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) {
        send({ status: 413, body: { error: 'body too large', node: ctx.node } });
        return;
      }
      handle(method, url, Buffer.concat(chunks).toString('utf8'), ctx).then(send, (e: unknown) =>
        send({ status: 500, body: { error: e instanceof Error ? e.message : String(e), node: ctx.node } }),
      );
    });
  });
}
