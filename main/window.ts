// The desktop window: sandboxed, isolated, no Node in the page, a strict CSP, no navigation,
// no new windows, external links to the OS browser. The renderer is served over app://.
import { app, BrowserWindow, protocol, session, shell, type WebContents } from 'electron';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EventName, Events } from './contract/channels';
import { IPC_EVENT } from './contract/wire';
import type { EventForwarder } from './ipc/event-forwarder';
import { mimeType, resolveInside } from './server/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'chaoslab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The page's CSP; a dev server (Vite) additionally needs inline scripts and its HMR socket. */
export function contentSecurityPolicy(devUrl?: string): string {
  const dev = devUrl ? new URL(devUrl) : null;
  return [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ws://${dev.host}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** app://chaoslab/<path> -> a file of rendererDir (never outside it), with the CSP. */
export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_HOST
        ? resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
        : null;
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': mimeType(file),
          'Content-Security-Policy': csp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

/** Session-wide: CSP on every response, every permission refused. */
export function hardenSession(csp: string): void {
  const s = session.defaultSession;
  s.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}

function isExternalHttp(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** For every web contents the app creates: no navigation, no popups, no webviews. */
export function hardenWebContents(contents: WebContents, allowedDevOrigin?: string): void {
  const openOutside = (url: string): void => {
    if (isExternalHttp(url) && !(allowedDevOrigin && url.startsWith(allowedDevOrigin)))
      void shell.openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openOutside(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowOptions {
  preload: string;
  url: string;
  forwarder: EventForwarder;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'Chaos Lab',
    backgroundColor: '#0e1116',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A new page must subscribe again before it gets events; until then they queue.
  win.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) o.forwarder.reset();
  });
  win.webContents.on('render-process-gone', () => o.forwarder.reset());
  void win.loadURL(o.url);
  return win;
}

/** The forwarder's send: to the window while it exists. */
export function sendToWindow(getWindow: () => BrowserWindow | null) {
  return <E extends EventName>(event: E, payload: Events[E]): void => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, event, payload);
  };
}

/** PDF export: the self-contained HTML report printed by Chromium in a hidden window. */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chaoslab-pdf-'));
  const file = path.join(dir, 'report.html');
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, javascript: false, partition: 'chaoslab-pdf' },
  });
  try {
    await writeFile(file, html, 'utf8');
    await win.loadFile(file);
    return await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
