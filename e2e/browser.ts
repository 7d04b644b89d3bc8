// Shared by the browser tests: build the renderer once, start a browser-mode server, launch
// Debian's Chromium headless with a fresh profile.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STATIC_DIR = path.join(ROOT, 'renderer', 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'ui');

let built: Promise<void> | null = null;

/** Builds renderer/dist from the current sources (once per test process). */
export function buildRenderer(): Promise<void> {
  built ??= (async () => {
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({
        configFile: path.join(ROOT, 'renderer', 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
      });
    } finally {
      process.env.NODE_ENV = env;
    }
  })();
  return built;
}

export const CHROMIUM = process.env.CHAOSLAB_CHROMIUM ?? '/usr/bin/chromium';

/** Playwright gives each launch a fresh temporary profile (and removes it on close). */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { browser, close: () => browser.close() };
}

export function artifactPath(...parts: string[]): string {
  const p = path.join(ARTIFACTS, ...parts);
  mkdirSync(path.dirname(p), { recursive: true });
  return p;
}
