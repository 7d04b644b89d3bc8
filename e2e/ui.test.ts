// The UI end to end in Debian's Chromium, against browser mode (startServer) with the FAKE
// lab: gallery, Korean, start a run, kill a node, fault band + timeline, verdict, exports,
// compare, the Docker-not-running screen, and the token / loopback guarantees.
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFakeLab, DEFAULT_FAKE_HISTORY, type FakeLab } from '../main/server/fake-lab';
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

async function serve(lab: FakeLab): Promise<RunningServer> {
  return startServer({ service: lab, port: 0, host: '127.0.0.1', staticDir: STATIC_DIR });
}

async function newPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(url);
  return page;
}

/** The app scrolls inside .content-scroll: back to its top, then a tall shot of the view. */
async function screenshotTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.querySelector('.content-scroll')?.scrollTo(0, 0));
  await page.setViewportSize({ width: 1440, height: 1180 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: artifactPath(name) });
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('Chaos Lab UI (browser mode, fake lab)', () => {
  let lab: FakeLab;
  let server: RunningServer;
  let page: Page;
  let runId: string;

  beforeAll(async () => {
    lab = createFakeLab({ history: DEFAULT_FAKE_HISTORY });
    server = await serve(lab);
    page = await newPage(server.url);
  });
  afterAll(async () => {
    await page?.close();
    await server?.close();
    await lab?.close();
  });

  it('shows the scenario gallery', async () => {
    await page.getByTestId('scenario-split-stores').waitFor();
    expect(await page.getByTestId('gallery').textContent()).toContain('Split stores behind a load balancer');
    await page.screenshot({ path: artifactPath('gallery.png') });
  });

  it('switches the explanations to Korean and back', async () => {
    await page.getByTestId('lang-ko').click();
    await page.getByText('로드 밸런서 뒤의 분리된 저장소').waitFor();
    await page.getByTestId('scenario-split-stores').click();
    await page.getByText('예상 결과').waitFor();
    expect(await page.getByTestId('scenario-detail').textContent()).toContain(
      '메모리 모드에서 죽였다 살리면',
    );
    await page.screenshot({ path: artifactPath('scenario-ko.png') });
    await page.getByTestId('lang-en').click();
    await page.getByText('What to expect').waitFor();
  });

  it('starts a run and shows it live', async () => {
    await page.getByTestId('knob-durationS').fill('16');
    await page.getByTestId('start-run').click();
    await page.getByTestId('run-view').waitFor();
    runId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]);
    expect(runId).toMatch(/split-stores/);
    await page.locator('[data-testid=node-order-2][data-state=running]').waitFor({ timeout: 15_000 });
    // Orders flow: the rows chart has lines and the op counter moves.
    await page.locator('[data-testid=chart-rows] .series-line').first().waitFor();
  });

  it('kills a node on click: the fault band and the timeline entry appear', async () => {
    await page.waitForTimeout(2500);
    await page.getByTestId('node-order-2').click();
    await page.getByTestId('node-panel').waitFor();
    await page.getByTestId('action-kill').click();
    await page.locator('[data-testid=node-order-2][data-state=exited]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=fault-lane] .fault-band-kill').waitFor();
    await page.locator('[data-testid=chart-rows] .fault-shade-kill').waitFor();
    await page.getByTestId('fault-kind-kill').waitFor();
    const entry = page
      .locator('[data-testid=tl-fault]', { hasText: 'kill order-2' })
      .filter({ hasText: 'applied' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain('user');
    await entry.first().locator('button').click();
    expect(await page.locator('.tl-detail').first().textContent()).toContain('"source": "user"');
    // The log of the node is followed.
    expect(await page.getByTestId('log-tail').textContent()).toContain('POST /orders');
    await page.waitForTimeout(1500);
    await screenshotTop(page, 'live-run.png');
  });

  it('adds latency through the Toxiproxy in front of a node, then heals it', async () => {
    // order-2 has no proxy in front of it: no network row.
    expect(await page.getByTestId('network-row').count()).toBe(0);
    await page.getByTestId('node-order-1').click();
    await page.getByTestId('network-row').waitFor();
    await page.getByTestId('network-kind').selectOption('latency');
    await page.getByTestId('network-value').fill('800');
    await page.getByTestId('network-jitter').fill('50');
    await page.getByTestId('action-network').click();
    await page.getByTestId('node-order-1-network').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('node-order-1-network').textContent()).toContain('latency');
    await page.locator('[data-testid=fault-lane] .fault-band-latency').waitFor();
    const entry = page
      .locator('[data-testid=tl-fault]', { hasText: 'latency order-1' })
      .filter({ hasText: 'applied' });
    await entry.first().waitFor();
    await entry.first().locator('button').click();
    const detail = await page.locator('.tl-detail').first().textContent();
    expect(detail).toContain('"latencyMs": 800');
    expect(detail).toContain('"jitterMs": 50');
    await screenshotTop(page, 'network-fault.png');
    await page.getByTestId('action-heal').click();
    await page.getByTestId('node-order-1-network').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('arms a named point from the node panel: the lab kills the service there', async () => {
    await page.getByTestId('node-lb').click();
    await page.getByTestId('point-row').waitFor();
    await page.getByTestId('point-name').fill('after-commit-before-publish');
    await page.getByTestId('point-then').selectOption('kill');
    await page.getByTestId('action-point').click();
    await page.locator('[data-testid=node-lb][data-state=exited]').waitFor({ timeout: 10_000 });
    const entry = page
      .locator('[data-testid=tl-fault]', { hasText: 'point lb' })
      .filter({ hasText: 'applied' });
    await entry.first().waitFor();
    await entry.first().locator('button').click();
    expect(await page.locator('.tl-detail').first().textContent()).toContain(
      '"point": "after-commit-before-publish"',
    );
  });

  it('shows the verdict when the run ends', async () => {
    await page.getByTestId('verdict').waitFor({ timeout: 60_000 });
    await page.getByTestId('verdict-invalid').waitFor();
    expect(await page.getByTestId('anomaly-lost').textContent()).toMatch(/^[1-9]\d*lost$/);
    await expect
      .poll(() => page.getByTestId('run-status').textContent(), { timeout: 10_000 })
      .toBe('Completed');
    await page.getByTestId('node-panel').locator('button[aria-label=Close]').click();
    await screenshotTop(page, 'verdict.png');
  });

  it('exports HTML, JSON, CSV and PDF files', async () => {
    const checks: Record<string, (b: Buffer) => void> = {
      html: (b) => expect(b.toString()).toMatch(/<html[\s\S]*Verdict/),
      json: (b) => {
        const r = JSON.parse(b.toString()) as {
          scenario: string;
          status: string;
          verdict: { valid: unknown; anomalies: Record<string, number> };
        };
        expect(r.scenario).toBe('split-stores');
        expect(r.status).toBe('completed');
        expect(r.verdict.valid).toBe(false);
        expect(r.verdict.anomalies.lost).toBeGreaterThan(0);
      },
      csv: (b) => {
        const lines = b.toString().trim().split('\n');
        expect(lines[0]).toBe('t_ms,series,value');
        expect(lines.some((l) => l.includes(',rows:order-2,'))).toBe(true);
      },
      pdf: (b) => {
        expect(b.subarray(0, 5).toString()).toBe('%PDF-');
        expect(b.toString('latin1')).toContain('%%EOF');
      },
    };
    for (const [format, check] of Object.entries(checks)) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId(`export-${format}`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`chaoslab-${runId}.${format}`);
      const file = artifactPath('exports', download.suggestedFilename());
      await download.saveAs(file);
      expect(statSync(file).size).toBeGreaterThan(50);
      check(readFileSync(file));
    }
  });

  it('lists runs and compares two side by side, aligned on their first fault', async () => {
    await page.getByTestId('nav-history').click();
    await page.getByTestId('history').waitFor();
    const picks = page.getByTestId('run-pick');
    await expect.poll(() => picks.count()).toBeGreaterThanOrEqual(3);
    await picks.nth(1).check();
    await picks.nth(2).check();
    await page.getByTestId('compare').click();
    await page.getByTestId('compare-view').waitFor();
    await expect.poll(() => page.locator('[data-testid=compare-view] .fault-band-kill').count()).toBe(2);
    await page.screenshot({ path: artifactPath('compare.png') });
  });
});

describe('image builds', () => {
  it('show per-image progress in a task bar that survives navigation', async () => {
    const lab = createFakeLab({ imagesPresent: false, imageBuildMs: 1200 });
    const server = await serve(lab);
    const page = await newPage(`${server.url}#/engine`);
    try {
      await page.getByTestId('engine-screen').waitFor();
      expect(await page.getByTestId('engine-screen').textContent()).toContain('0 of 6 present');
      await page.getByTestId('build-missing').click();
      await page.getByTestId('taskbar').waitFor();
      await page.locator('[data-testid="task-service"] .task-state', { hasText: 'building' }).waitFor();
      await page.getByTestId('nav-scenarios').click();
      await page.getByTestId('gallery').waitFor();
      expect(await page.getByTestId('taskbar').isVisible()).toBe(true);
      await page.screenshot({ path: artifactPath('image-builds.png') });
      await page
        .locator('[data-testid="task-toxiproxy"] .task-state', { hasText: 'done' })
        .waitFor({ timeout: 20_000 });
      await page.getByTestId('nav-engine').click();
      await expect
        .poll(() => page.getByTestId('engine-screen').textContent(), { timeout: 10_000 })
        .toContain('6 of 6 present');
    } finally {
      await page.close();
      await server.close();
      await lab.close();
    }
  });
});

describe('Docker not running', () => {
  it('shows what to do and retries', async () => {
    const lab = createFakeLab({ engine: 'down', engineUpAfter: 1 });
    const server = await serve(lab);
    const page = await newPage(server.url);
    try {
      await page.getByTestId('engine-down').waitFor();
      const text = await page.getByTestId('engine-down').textContent();
      expect(text).toContain('Docker is not running');
      expect(text).toContain('DOCKER_HOST');
      await page.screenshot({ path: artifactPath('engine-down.png') });
      await page.getByTestId('engine-retry').click();
      await page.getByTestId('gallery').waitFor();
    } finally {
      await page.close();
      await server.close();
      await lab.close();
    }
  });
});

describe('browser mode security', () => {
  let lab: FakeLab;
  let server: RunningServer;
  beforeAll(async () => {
    lab = createFakeLab();
    server = await serve(lab);
  });
  afterAll(async () => {
    await server.close();
    await lab.close();
  });

  it('refuses the API socket without the token, and the page without it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => reject(new Error('opened without a token')));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
    const page = await new Promise<number>((resolve) =>
      request({ host: '127.0.0.1', port: server.port, path: '/' }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end(),
    );
    expect(page).toBe(401);
    // A page in the browser without the token gets nothing of the app.
    const p = await browser.newPage();
    const res = await p.goto(`http://127.0.0.1:${server.port}/`);
    expect(res?.status()).toBe(401);
    await p.close();
  });

  it('is not reachable on a non-loopback address', async () => {
    const addresses = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    for (const host of addresses) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = connect({ host, port: server.port, timeout: 2000 });
        s.once('connect', () => (s.destroy(), resolve(false)));
        s.once('error', () => resolve(true));
        s.once('timeout', () => (s.destroy(), resolve(true)));
      });
      expect(refused, `server answered on ${host}:${server.port}`).toBe(true);
    }
    expect(server.url.startsWith('http://127.0.0.1:')).toBe(true);
  });
});
