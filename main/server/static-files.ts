// Serves the built renderer (renderer/dist) read-only, never outside its folder.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The page's Content-Security-Policy in browser mode: only this origin and its socket. */
export function browserCsp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // recharts and React set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': browserCsp(port),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    // The URL may carry the token: never send it on.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Maps a URL path to a file inside root; null when it would leave root. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootAbs = path.resolve(root);
  const file = path.resolve(rootAbs, '.' + path.posix.normalize('/' + decoded));
  if (file !== rootAbs && !file.startsWith(rootAbs + path.sep)) return null;
  return file;
}

/**
 * Writes the file for urlPath, or index.html for an extension-less path (client routes).
 * Resolves to the status sent.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
  head = false,
): Promise<number> {
  let file = resolveInside(root, urlPath === '/' ? '/index.html' : urlPath);
  if (file === null) return send(res, 400, 'bad path', headers);
  let info = await stat(file).catch(() => null);
  if ((!info || info.isDirectory()) && path.extname(file) === '') {
    file = path.join(path.resolve(root), 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info || !info.isFile()) {
    return send(
      res,
      404,
      info === null && urlPath === '/' ? 'renderer not built: run npm run build:renderer' : 'not found',
      headers,
    );
  }
  const ext = path.extname(file).toLowerCase();
  res.writeHead(200, {
    ...headers,
    'Content-Type': mimeType(file),
    'Content-Length': String(info.size),
    // Hashed assets may be cached; the page itself never (it is the token's landing page).
    'Cache-Control': ext === '.html' ? 'no-store' : 'private, max-age=3600',
  });
  if (head) {
    res.end();
    return 200;
  }
  await new Promise<void>((resolve) => {
    const s = createReadStream(file);
    s.on('error', () => {
      res.destroy();
      resolve();
    });
    s.on('end', () => resolve());
    s.pipe(res);
  });
  return 200;
}

export function send(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): number {
  const body = Buffer.from(text + '\n');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
  return status;
}
