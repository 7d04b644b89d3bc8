// The per-launch secret of browser mode: made once per server, carried in the printed URL,
// then kept in an HttpOnly cookie scoped to this server's port.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies ignore ports, so the name carries the port: two servers never clobber each other. */
export function cookieName(port: number): string {
  return `chaoslab_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export interface PresentedToken {
  token: string | null;
  fromQuery: boolean;
}

/** The token a request carries: `?token=` first, then this port's cookie. */
export function presentedToken(req: IncomingMessage, port: number): PresentedToken {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const q = url.searchParams.get('token');
  if (q) return { token: q, fromQuery: true };
  return { token: readCookie(req.headers.cookie, cookieName(port)), fromQuery: false };
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** Constant-time comparison. */
export function sameToken(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** 401 when no token was presented, 403 when a wrong one was. */
export function authStatus(expected: string, presented: PresentedToken): 200 | 401 | 403 {
  if (presented.token === null) return 401;
  return sameToken(expected, presented.token) ? 200 : 403;
}
