// HTTP for every role: a route table ("POST /steps/reserve" -> handler), the named fault
// points (/points/*), GET /health. Bodies and replies are JSON; every reply names the node
// that served it. A handler that throws answers 500 with definite=false: the caller cannot
// know whether the step took effect (the orchestrator retries it; participants are idempotent).
import { createServer, type Server } from 'node:http';
import type { NamedPoints } from '../lib/named-points';

export interface Reply {
  status: number;
  body: unknown;
}

export interface Request {
  body: Record<string, unknown>;
  query: URLSearchParams;
}

export type Handler = (req: Request) => Promise<Reply>;
export type Routes = Record<string, Handler>;

export const MAX_BODY_BYTES = 1024 * 1024;

/** Finds and runs the handler for "METHOD /path". Pure apart from the handler. */
export async function dispatch(routes: Routes, method: string, url: string, text: string): Promise<Reply> {
  const u = new URL(url, 'http://x');
  if (u.pathname === '/health' && (method === 'GET' || method === 'HEAD'))
    return { status: 200, body: { ok: true } };
  const h = routes[`${method} ${u.pathname}`];
  if (!h) {
    const known = Object.keys(routes).some((k) => k.endsWith(` ${u.pathname}`));
    return { status: known ? 405 : 404, body: { error: known ? 'method not allowed' : 'not found' } };
  }
  let body: unknown = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: 'body is not JSON', definite: true } };
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { status: 400, body: { error: 'body must be a JSON object', definite: true } };
  try {
    return await h({ body: body as Record<string, unknown>, query: u.searchParams });
  } catch (e) {
    return { status: 500, body: { error: e instanceof Error ? e.message : String(e), definite: false } };
  }
}

export function startServer(
  node: string,
  routes: Routes,
  points: NamedPoints,
  log: (line: string) => void,
): Server {
  const server = createServer((req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const send = (r: Reply) => {
        const out = JSON.stringify(
          typeof r.body === 'object' && r.body !== null && !Array.isArray(r.body)
            ? { ...r.body, node }
            : r.body,
        );
        res.writeHead(r.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(out),
          'x-served-by': node,
        });
        res.end(method === 'HEAD' ? undefined : out);
        if (r.status >= 300 || (method === 'POST' && !url.startsWith('/points/')))
          log(`${method} ${url} ${r.status} ${Date.now() - started}ms`);
      };
      if (size > MAX_BODY_BYTES) return send({ status: 413, body: { error: 'body too large' } });
      if (url.startsWith('/points/')) {
        let parsed: unknown = {};
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {
          // the points handler answers 400 for a missing name
        }
        void Promise.resolve(points.handle(req, res, parsed)).catch(() => res.destroy());
        return;
      }
      dispatch(routes, method, url, text).then(send, (e: unknown) =>
        send({ status: 500, body: { error: String(e), definite: false } }),
      );
    });
  });
  server.keepAliveTimeout = 10_000;
  return server;
}
