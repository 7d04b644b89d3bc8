// The window's security settings, with Electron replaced by a recording stub (its binary
// cannot run here).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class FakeContents {
    listeners = new Map<string, Listener[]>();
    openHandler?: (d: { url: string }) => { action: string };
    on(e: string, l: Listener) {
      this.listeners.set(e, [...(this.listeners.get(e) ?? []), l]);
      return this;
    }
    setWindowOpenHandler(fn: (d: { url: string }) => { action: string }) {
      this.openHandler = fn;
    }
    emit(e: string, ...args: unknown[]) {
      for (const l of this.listeners.get(e) ?? []) l(...args);
    }
    send = vi.fn();
  }
  const windows: { options: Record<string, unknown>; webContents: FakeContents; url?: string }[] = [];
  class BrowserWindow {
    webContents = new FakeContents();
    url?: string;
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  return { windows, BrowserWindow, FakeContents, openExternal: vi.fn(async () => undefined) };
});

vi.mock('electron', () => ({
  app: { isPackaged: true },
  BrowserWindow: h.BrowserWindow,
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  session: { defaultSession: {} },
  shell: { openExternal: h.openExternal },
}));

const { contentSecurityPolicy, createMainWindow, hardenWebContents, APP_ORIGIN } = await import('./window');

beforeEach(() => {
  h.windows.length = 0;
  h.openExternal.mockClear();
});

describe('window security', () => {
  it('creates the window isolated, sandboxed, without Node, with web security, on app://', () => {
    const forwarder = {
      subscribe: vi.fn(),
      unsubscribe: vi.fn(),
      reset: vi.fn(),
      queued: () => 0,
      close: vi.fn(),
    };
    createMainWindow({ preload: '/x/preload.cjs', url: `${APP_ORIGIN}/index.html`, forwarder });
    const w = h.windows[0];
    expect(w.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/x/preload.cjs',
    });
    expect(w.url).toBe('app://chaoslab/index.html');
    // A reload queues events again until the new page subscribes.
    w.webContents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(forwarder.reset).toHaveBeenCalledOnce();
  });

  it('denies navigation and new windows; http(s) links go to the OS browser only', () => {
    const c = new h.FakeContents();
    hardenWebContents(c as never);
    const prevent = vi.fn();
    c.emit('will-navigate', { preventDefault: prevent }, 'https://example.com/docs');
    expect(prevent).toHaveBeenCalled();
    expect(h.openExternal).toHaveBeenCalledWith('https://example.com/docs');
    expect(c.openHandler!({ url: 'https://jepsen.io/' })).toEqual({ action: 'deny' });
    expect(c.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(h.openExternal).toHaveBeenCalledTimes(2);
    const preventWebview = vi.fn();
    c.emit('will-attach-webview', { preventDefault: preventWebview });
    expect(preventWebview).toHaveBeenCalled();
  });

  it('sets a strict CSP: own origin only, no inline script, no eval', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
