// The real thing in Debian's Chromium: browser mode over the real lab and a real Docker engine.
// Pick split-stores, start it, click kill on an instance while orders flow, see the fault band
// and the timeline entry, wait for the verdict, export HTML/JSON/CSV/PDF and check each file
// against what the lab stored on disk. Also: the Docker-not-running screen with DOCKER_HOST
// pointing at nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lab } from '../main/engine/lab';
import { managedFilter } from '../main/engine/docker/labels';
import { startServer, type RunningServer } from '../main/server/start-server';
import { artifactPath, buildRenderer, launchChromium, STATIC_DIR } from './browser';

let chrome: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  await buildRenderer();
  chrome = await launchChromium();
  browser = chrome.browser;
});
afterAll(async () => {
  await chrome?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.querySelector('.content-scroll')?.scrollTo(0, 0));
  await page.setViewportSize({ width: 1440, height: 1180 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: artifactPath(name) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('Chaos Lab UI on the real engine (split-stores)', () => {
  let lab: Lab;
  let server: RunningServer;
  let page: Page;
  let runId = '';
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-e2e-'));

  beforeAll(async () => {
    lab = new Lab({ runsDir });
    await lab.init();
    server = await startServer({ service: lab, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
  });
  afterAll(async () => {
    await page?.close();
    await server?.close();
    await lab?.close();
  });

  it('shows the real scenario in the gallery, with its knobs', async () => {
    await page.getByTestId('scenario-split-stores').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: artifactPath('real-gallery.png') });
    await page.getByTestId('scenario-split-stores').click();
    await page.getByTestId('knob-orders').waitFor();
  });

  it('starts split-stores on real containers, kills order-2 on click while orders flow', async () => {
    await page.getByTestId('knob-orders').fill('80');
    await page.getByTestId('knob-intervalMs').fill('150');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor();
    runId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    expect(runId).toMatch(/^split-stores-/);
    await page.locator('[data-testid=node-order-2][data-state=running]').waitFor({ timeout: 180_000 });
    await page.locator('[data-testid=chart-rows] .series-line').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(2500); // some orders land on order-2 first
    await page.getByTestId('node-order-2').click();
    await page.getByTestId('node-panel').waitFor();
    await page.getByTestId('action-kill').click();
    await page.locator('[data-testid=node-order-2][data-state=exited]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=fault-lane] .fault-band-kill').waitFor();
    await page.locator('[data-testid=chart-rows] .fault-shade-kill').waitFor();
    const entry = page.locator('[data-testid=tl-fault]', { hasText: 'kill order-2' }).filter({ hasText: 'applied' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain('user');
    await page.waitForTimeout(1000);
    await shot(page, 'real-live-run.png');
  });

  it('shows the verdict: invalid, with the lost writes of the killed memory store', async () => {
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 });
    await page.getByTestId('verdict-invalid').waitFor();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 60_000 }).toBe('Completed');
    await shot(page, 'real-verdict.png');
    const report = JSON.parse(fs.readFileSync(path.join(runsDir, runId, 'report.json'), 'utf8'));
    expect(report.verdict.valid).toBe(false);
    expect(report.verdict.anomalies['lost-write']).toBeGreaterThan(0);
    expect(report.faults.some((f: { kind: string; target: string; source: string }) => f.kind === 'kill' && f.target === 'order-2' && f.source === 'user')).toBe(true);
  });

  it('exports HTML, JSON, CSV and PDF that match the stored run', async () => {
    const stored = JSON.parse(fs.readFileSync(path.join(runsDir, runId, 'report.json'), 'utf8'));
    const checks: Record<string, (b: Buffer) => void> = {
      html: (b) => {
        const s = b.toString();
        expect(s).toMatch(/<html[\s\S]*split-stores/);
        expect(s).toMatch(/kill order-2/);
        expect(s).not.toMatch(/(src|href)=["']https?:/);
      },
      json: (b) => expect(JSON.parse(b.toString())).toEqual(stored),
      csv: (b) => {
        const lines = b.toString().trim().split('\n');
        expect(lines[0]).toBe('series,store,t,value');
        expect(lines.some((l) => l.startsWith('rows,order-2,'))).toBe(true);
      },
      pdf: (b) => {
        expect(b.subarray(0, 5).toString()).toBe('%PDF-');
        expect(b.toString('latin1')).toContain('%%EOF');
      },
    };
    for (const [format, check] of Object.entries(checks)) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
      const file = artifactPath('real-exports', download.suggestedFilename());
      await download.saveAs(file);
      check(fs.readFileSync(file));
    }
  });

  it('left no labelled container behind', async () => {
    expect((await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(0);
  });
});

describe('Docker not running (real lab, DOCKER_HOST pointing at nothing)', () => {
  it('shows what to do', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'unix:///nonexistent/docker.sock';
    const lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-e2e-down-')) });
    const server = await startServer({ service: lab, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await page.goto(server.url);
      await page.getByTestId('engine-down').waitFor({ timeout: 30_000 });
      const text = await page.getByTestId('engine-down').textContent();
      expect(text).toContain('unix:///nonexistent/docker.sock');
      await page.screenshot({ path: artifactPath('real-engine-down.png') });
    } finally {
      await page.close();
      await server.close();
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });
});
