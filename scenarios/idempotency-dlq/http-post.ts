// POST a JSON body with headers (the engine's httpJson sends none): the client needs the
// Idempotency-Key and the lab's X-Lab-Stall-Ms. Like httpJson, it tells a failure that
// certainly did not reach the service from one whose outcome is unknown (a timeout).
import http from 'node:http';
import type { Endpoint } from '../../main/engine/scenario';
import { HttpOutcomeError, type HttpResult } from '../../main/engine/workload/http-json';

const DEFINITE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function postJson(
  ep: Endpoint,
  path: string,
  body: unknown,
  headers: Record<string, string>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    let sent = false;
    const req = http.request(
      {
        host: ep.host,
        port: ep.port,
        method: 'POST',
        path,
        agent: false,
        timeout: timeoutMs,
        signal,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
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
      reject(new HttpOutcomeError(`${e.code ?? 'error'}: ${e.message}`, !sent && DEFINITE.has(e.code ?? '')));
    });
    req.end(payload);
  });
}
