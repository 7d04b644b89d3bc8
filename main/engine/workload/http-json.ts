// A tiny HTTP JSON client for workloads and probes. It tells a definite failure (the request
// never reached the service) from an unknown outcome (it may have been applied).
import http from 'node:http';
import type { Endpoint } from '../scenario';

export interface HttpResult {
  status: number;
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

export class HttpOutcomeError extends Error {
  constructor(
    message: string,
    /** True when the request certainly was not processed. */
    public readonly definite: boolean,
  ) {
    super(message);
  }
}

const DEFINITE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function httpJson(
  ep: Endpoint,
  method: string,
  path: string,
  body: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
  /** Extra request headers (an Idempotency-Key, the lab's X-Lab-Stall-Ms). */
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    let sent = false;
    const req = http.request(
      {
        host: ep.host,
        port: ep.port,
        method,
        path,
        agent: false,
        timeout: timeoutMs,
        signal,
        headers: payload
          ? { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
          : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on('error', (e) => reject(new HttpOutcomeError(e.message, false)));
      },
    );
    req.on('socket', (s) => s.on('connect', () => (sent = true)));
    req.on('timeout', () => req.destroy(new HttpOutcomeError(`timed out after ${timeoutMs} ms`, false)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof HttpOutcomeError) return reject(e);
      const definite = !sent && DEFINITE_CODES.has(e.code ?? '');
      reject(new HttpOutcomeError(`${e.code ?? 'error'}: ${e.message}`, definite));
    });
    if (payload) req.write(payload);
    req.end();
  });
}
