// HTTP for the order service on PostgreSQL: the embedded store's routes (/health, /orders,
// answered by http.ts's handler) plus the hot product's /buy and /stock. A database failure
// is answered with its honesty: 503 when the operation certainly did not take effect, 500
// when it may have (the connection broke during COMMIT). /health never touches the database.
import { createServer, type Server } from 'node:http';
import { handle, MAX_BODY_BYTES, type HandlerContext, type Reply } from './http';
import { DbError } from './pg-tx';
import type { StockStore } from './stock';

export interface PgHandlerContext extends HandlerContext {
  stock: StockStore;
}

const MAX_ID = 200;

export function errorReply(e: unknown, node: string): Reply {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof DbError && e.definite)
    return { status: 503, body: { error: message, definite: true, node } };
  return { status: 500, body: { error: message, definite: false, node } };
}

function parseBuy(text: string): string | Error {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return new Error('body is not JSON');
  }
  const id = (v as { id?: unknown } | null)?.id;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    return new Error(`id must be a non-empty string of at most ${MAX_ID} characters`);
  }
  return id;
}

async function route(method: string, path: string, body: string, ctx: PgHandlerContext): Promise<Reply> {
  const node = ctx.node;
  const r = path.split('?')[0];
  if (r === '/stock') {
    if (method !== 'GET') return { status: 405, body: { error: 'method not allowed', node } };
    return { status: 200, body: { node, ...(await ctx.stock.view()) } };
  }
  if (r === '/buy') {
    if (method !== 'POST') return { status: 405, body: { error: 'method not allowed', node } };
    const id = parseBuy(body);
    if (id instanceof Error) return { status: 400, body: { error: id.message, node } };
    const b = await ctx.stock.buy(id);
    switch (b.kind) {
      case 'sold':
        return { status: 201, body: { id, node, read: b.read, wrote: b.wrote, attempts: b.attempts } };
      case 'sold-out':
        return {
          status: 409,
          body: { error: 'sold out', reason: 'sold-out', stock: b.read, attempts: b.attempts, node },
        };
      case 'gave-up':
        return {
          status: 409,
          body: {
            error: `version conflict: gave up after ${b.attempts} attempts`,
            reason: 'gave-up',
            attempts: b.attempts,
            node,
          },
        };
      case 'duplicate':
        return { status: 409, body: { error: 'duplicate sale id', reason: 'duplicate', node } };
    }
  }
  return handle(method, path, body, ctx);
}

export async function handlePg(
  method: string,
  path: string,
  body: string,
  ctx: PgHandlerContext,
): Promise<Reply> {
  try {
    return await route(method, path, body, ctx);
  } catch (e) {
    return errorReply(e, ctx.node);
  }
}

export function createPgOrderServer(ctx: PgHandlerContext, log: (line: string) => void): Server {
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
        'x-served-by': ctx.node,
      });
      res.end(method === 'HEAD' ? undefined : text);
      if (!(url === '/health' && r.status === 200)) {
        const err = r.status >= 400 ? ` ${String((r.body as { error?: unknown }).error ?? '')}` : '';
        log(`${method} ${url} ${r.status} ${Date.now() - started}ms${err}`);
      }
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (size > MAX_BODY_BYTES)
        return send({ status: 413, body: { error: 'body too large', node: ctx.node } });
      void handlePg(method, url, Buffer.concat(chunks).toString('utf8'), ctx).then(send);
    });
  });
}
