// A small JSON-over-HTTP server for a service's roles: /health, /points/* (named fault
// points) and the role's own routes ("POST /orders" -> handler). Every reply names the node.
// Pure Node, no dependencies: it is bundled into the services that use it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { NamedPoints } from './named-points';

export interface Request {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  body: unknown;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (req: Request) => Promise<Reply> | Reply;
export type Routes = Record<string, Handler>;

export interface ServerOptions {
  node: string;
  /** The role's routes, read per request; null until the role has started (then: 503). */
  routes(): Routes | null;
  points: NamedPoints;
  /** Ready to serve the role: 200 on /health, else 503 with the reason. */
  health(): { ok: boolean; detail?: string };
  log(line: string): void;
}

export const MAX_BODY_BYTES = 64 * 1024;

/** The handler for a request, or a 404/405 reply. Pure. */
export function route(routes: Routes, method: string, path: string): Handler | Reply {
  const h = routes[`${method} ${path}`];
  if (h) return h;
  const known = Object.keys(routes).some((k) => k.slice(k.indexOf(' ') + 1) === path);
  return known
    ? { status: 405, body: { error: 'method not allowed' } }
    : { status: 404, body: { error: 'not found' } };
}

/** A header's first value, or undefined. */
export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

export function createJsonServer(o: ServerOptions): Server {
  return createServer((req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://service');
    const send = (r: Reply): void => {
      const body =
        r.body && typeof r.body === 'object' && !Array.isArray(r.body) ? { ...r.body, node: o.node } : r.body;
      const text = JSON.stringify(body);
      if (res.headersSent) return;
      // A client that has gone (timed out, reset) gets nothing; what was done is still logged.
      if (!res.destroyed) {
        res.writeHead(r.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text),
          'x-served-by': o.node,
        });
        res.end(text);
      }
      // Writes and failures are worth a log line; the lab's frequent reads are not.
      if (method !== 'GET' || r.status >= 400)
        o.log(`${method} ${url.pathname} ${r.status} ${Date.now() - started}ms`);
    };
    void readBody(req).then(async (text) => {
      if (text === null) return send({ status: 413, body: { error: 'body too large' } });
      let body: unknown = undefined;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return send({ status: 400, body: { error: 'body is not JSON' } });
        }
      }
      try {
        if (url.pathname.startsWith('/points/')) {
          await o.points.handle(req, res, body);
          return;
        }
        if (url.pathname === '/health') {
          const h = o.health();
          return send({ status: h.ok ? 200 : 503, body: { ok: h.ok, detail: h.detail } });
        }
        const routes = o.routes();
        if (!routes) return send({ status: 503, body: { error: 'starting' } });
        const r = route(routes, method, url.pathname);
        if (typeof r !== 'function') return send(r);
        send(await r({ method, path: url.pathname, headers: req.headers, query: url.searchParams, body }));
      } catch (e) {
        send({ status: 500, body: { error: e instanceof Error ? e.message : String(e) } });
      }
    });
  });
}
