// Browser mode: the renderer and the typed API over a WebSocket, on loopback only, behind a
// per-launch token (in the printed URL, then an HttpOnly cookie).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LabService } from '../contract/service';
import { API_PATH } from '../contract/wire';
import { attachBridge } from './ws-bridge';
import { securityHeaders, send, serveStatic } from './static-files';
import { authStatus, createToken, presentedToken, tokenCookie } from './token';

export interface ServerOptions {
  service: LabService;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the API can start containers and kill them. */
  host?: '127.0.0.1';
  /** The built renderer (renderer/dist). */
  staticDir: string;
  /** For tests: a fixed token instead of a random one. */
  token?: string;
}

export interface RunningServer {
  /** http://127.0.0.1:PORT/?token=... : the one URL to open. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = '127.0.0.1';
  if (options.host !== undefined && options.host !== host)
    throw new Error(`browser mode binds to ${host} only`);
  const token = options.token ?? createToken();
  let port = 0;

  const http = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = securityHeaders(port);
    if (!hostAllowed(req.headers.host, port)) return void send(res, 403, 'forbidden host', headers);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return void send(res, 405, 'method not allowed', headers);
    const presented = presentedToken(req, port);
    const status = authStatus(token, presented);
    if (status === 401)
      return void send(
        res,
        401,
        'Chaos Lab: open the URL printed by `chaoslab serve` (it carries ?token=...)',
        headers,
      );
    if (status === 403)
      return void send(res, 403, 'Chaos Lab: wrong token; open the URL printed at launch', headers);
    if (presented.fromQuery) headers['Set-Cookie'] = tokenCookie(port, token);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    await serveStatic(options.staticDir, path, res, headers, req.method === 'HEAD');
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const reject = (code: number, text: string): void => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== API_PATH) return reject(404, 'Not Found');
    if (!hostAllowed(req.headers.host, port) || !originAllowed(req.headers.origin, port))
      return reject(403, 'Forbidden');
    const status = authStatus(token, presentedToken(req, port));
    if (status === 401) return reject(401, 'Unauthorized');
    if (status === 403) return reject(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      attachBridge(ws, options.service);
    });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  port = (http.address() as AddressInfo).port;

  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Guards against DNS rebinding: the Host must be this loopback server. */
function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `127.0.0.1:${port}` || hostHeader === `localhost:${port}`;
}

/** A browser page from another origin may not open the socket (non-browser clients send none). */
function originAllowed(origin: string | undefined, port: number): boolean {
  return (
    origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
  );
}
