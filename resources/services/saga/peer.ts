// Calls from one service to another, with the outcome told honestly:
//   ok           2xx: it happened
//   declined     4xx: the participant definitely refused (out of stock, card declined...)
//   unreachable  the request never reached the service (connection refused, no such host):
//                definitely not applied
//   unknown      a timeout, a reset, a 5xx: it may or may not have been applied
import http from 'node:http';

export type PeerResult =
  | { kind: 'ok'; status: number; body: Record<string, unknown> }
  | { kind: 'declined'; status: number; body: Record<string, unknown>; reason: string }
  | { kind: 'unreachable'; error: string }
  | { kind: 'unknown'; error: string };

export type Call = (baseUrl: string, method: string, path: string, body?: unknown) => Promise<PeerResult>;

const DEFINITE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Classifies a reply. Pure. */
export function classify(status: number, body: unknown): PeerResult {
  const b = record(body);
  if (status >= 200 && status < 300) return { kind: 'ok', status, body: b };
  const said = typeof b.error === 'string' ? b.error : `HTTP ${status}`;
  if (status >= 400 && status < 500) return { kind: 'declined', status, body: b, reason: said };
  if (b.definite === true) return { kind: 'unreachable', error: `HTTP ${status}: ${said}` };
  return { kind: 'unknown', error: `HTTP ${status}: ${said}` };
}

export function httpCaller(timeoutMs: number): Call {
  return (baseUrl, method, path, body) =>
    new Promise((resolve) => {
      const u = new URL(path, `${baseUrl}/`);
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      let connected = false;
      let settled = false;
      const done = (r: PeerResult) => {
        if (!settled) {
          settled = true;
          resolve(r);
        }
      };
      const req = http.request(
        {
          host: u.hostname,
          port: u.port || 80,
          path: u.pathname + u.search,
          method,
          agent: false,
          timeout: timeoutMs,
          headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => done({ kind: 'unknown', error: e.message }));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = { error: text.slice(0, 200) };
            }
            done(classify(res.statusCode ?? 0, parsed));
          });
        },
      );
      req.on('socket', (s) => s.once('connect', () => (connected = true)));
      req.on('timeout', () => {
        req.destroy();
        done({ kind: 'unknown', error: `timed out after ${timeoutMs} ms` });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? 'error';
        if (!connected && DEFINITE.has(code)) done({ kind: 'unreachable', error: `${code}: ${e.message}` });
        else done({ kind: 'unknown', error: `${code}: ${e.message}` });
      });
      if (payload) req.write(payload);
      req.end();
    });
}
