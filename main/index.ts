// Electron entry and the desktop app's one composition root: the engine's Lab, PDF export
// through Chromium, one IPC registrar per area, the event forwarder, the secure window.
// Built by scripts/build-electron.mjs into dist/electron/index.cjs.
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { createLab } from './engine/lab';
import {
  createEventForwarder,
  createTrustedSender,
  registerAllIpc,
  registerEventIpc,
  withPdfExport,
} from './ipc';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  createMainWindow,
  hardenSession,
  hardenWebContents,
  printHtmlToPdf,
  registerAppScheme,
  sendToWindow,
  serveRenderer,
} from './window';

// Only an unpackaged app may load the renderer from a dev server (Vite).
const devUrl = !app.isPackaged ? process.env.CHAOSLAB_RENDERER_URL : undefined;
const devOrigin = devUrl ? new URL(devUrl).origin : undefined;

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devOrigin));

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void main().catch((e: unknown) => {
    console.error('Chaos Lab failed to start:', e);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  // Docker build contexts are read from disk at run time: shipped unpacked (electron-builder.yml).
  if (app.isPackaged) process.env.CHAOSLAB_RESOURCES ??= path.join(process.resourcesPath, 'resources');

  const lab = await createLab();
  const service = withPdfExport(lab, printHtmlToPdf);
  const csp = contentSecurityPolicy(devUrl);
  hardenSession(csp);
  serveRenderer(path.join(app.getAppPath(), 'renderer', 'dist'), csp);

  const isTrusted = createTrustedSender([APP_ORIGIN, ...(devOrigin ? [devOrigin] : [])]);
  registerAllIpc(ipcMain, service, isTrusted);
  let win: BrowserWindow | null = null;
  const forwarder = createEventForwarder(
    service,
    sendToWindow(() => win),
  );
  registerEventIpc(ipcMain, forwarder, isTrusted);

  const open = (): void => {
    win = createMainWindow({
      preload: path.join(__dirname, 'preload.cjs'),
      url: devUrl ?? `${APP_ORIGIN}/index.html`,
      forwarder,
    });
    win.on('closed', () => {
      win = null;
      forwarder.reset();
    });
  };
  open();

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (!win) open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Stop every active run (heal faults, remove containers) before the process exits.
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    forwarder.close();
    void lab
      .close()
      .catch((e: unknown) => console.error('stopping runs failed:', e))
      .finally(() => app.quit());
  });
}
