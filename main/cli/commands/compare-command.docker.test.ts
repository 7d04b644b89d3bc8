// `chaoslab compare dual-write outbox-polling outbox-cdc` on real containers: the three variants
// run one after another under the same knobs, compare.json carries each run report's numbers,
// and compare.html renders offline: in Debian's Chromium with the network cut off, the page
// asks for nothing beyond its own file and draws every chart.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Lab } from '../../engine/lab';
import { managedFilter } from '../../engine/docker/labels';
import { getScenario } from '../../../scenarios';
import { artifactPath, launchChromium } from '../../../e2e/browser';
import { buildVariants } from './compare-variants';
import { runComparison } from './compare-command';
import type { CompareJson } from './compare-model';

const LABELS = ['dual-write', 'outbox-polling', 'outbox-cdc'];

let lab: Lab;
let root: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-compare-'));
  lab = new Lab({ runsDir: root });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

describe('compare on real containers', () => {
  const dir = () => path.join(root, 'cmp');

  it('dual-write vs outbox-polling vs outbox-cdc under the same kill: numbers equal each run report, only dual-write loses events', async () => {
    // killAtMs is outbox-cdc's alone (the others kill at a named point): at 2 s, Connect is
    // down while orders are still being written (20 orders, 200 ms apart), so its WAL check
    // has something to show.
    const sets = { orders: '20', downMs: '1000', killAtMs: '2000' };
    const variants = buildVariants({ args: LABELS, sets, faults: [], getScenario, seed: 1 });
    const started = Date.now();
    const r = await runComparison(lab, variants, { dir: dir(), seed: 1, sets, faults: [] });
    const json = JSON.parse(fs.readFileSync(path.join(dir(), 'compare.json'), 'utf8')) as CompareJson;
    console.log(
      `compare ${LABELS.join(' vs ')}: ${Date.now() - started} ms; ` +
        json.variants
          .map((v) => `${v.label} lost-event=${v.verdict.anomalies['lost-event']} in ${v.durationMs} ms`)
          .join(', '),
    );
    expect(r.exitCode).toBe(0);

    expect(json.variants.map((v) => v.label)).toEqual(LABELS);
    for (const v of json.variants) {
      const report = JSON.parse(fs.readFileSync(path.join(dir(), v.dir, 'report.json'), 'utf8'));
      expect(v.status).toBe('completed');
      expect(v.verdict).toEqual({ valid: report.verdict.valid, anomalies: report.verdict.anomalies });
      expect(v.stores.map((s) => s.rows)).toEqual(report.stores.map((s: { rows: number }) => s.rows));
      expect(v.params.orders).toBe(20);
      expect(v.params.downMs).toBe(1000);
      expect(v.readyMs.kafka).toBeGreaterThan(0);
      expect(await lab.docker.listContainers({ all: true, filters: managedFilter(v.runId!) })).toHaveLength(
        0,
      );
    }
    // Each shows what its scenario promises: dual-write invalid, both outboxes valid.
    expect(json.variants.map((v) => v.matchesExpected)).toEqual([true, true, true]);
    const [dw, op, cdc] = json.variants;
    expect(dw.verdict.anomalies['lost-event']).toBeGreaterThan(0);
    expect(op.verdict.anomalies['lost-event']).toBe(0);
    expect(cdc.verdict.anomalies['lost-event']).toBe(0);
    expect(dw.faults.some((f) => f.kind === 'point' && f.target === 'writer')).toBe(true);
    expect(op.faults.some((f) => f.kind === 'point' && f.target === 'relay')).toBe(true);
    expect(cdc.faults.some((f) => f.kind === 'kill')).toBe(true);
    expect(op.serviceStats.relay).toMatchObject({ pollMs: 200 });

    const html = fs.readFileSync(path.join(dir(), 'compare.html'), 'utf8');
    // Offline: no address outside the file, no script; links only to the variants' own reports.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/Content-Security-Policy/);
    for (const m of html.matchAll(/href="([^"]+)"/g))
      expect(fs.existsSync(path.join(dir(), m[1]))).toBe(true);
    expect(html).toMatch(/dual-write vs outbox-polling vs outbox-cdc/);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).toMatch(/Polling trade-off/);
  });

  it('compare.html renders in Chromium with the network off: three variants, every chart drawn', async () => {
    const file = path.join(dir(), 'compare.html');
    expect(fs.existsSync(file)).toBe(true);
    const chrome = await launchChromium();
    try {
      const context = await chrome.browser.newContext({
        offline: true,
        viewport: { width: 1440, height: 900 },
      });
      const outside: string[] = [];
      const errors: string[] = [];
      context.on('request', (req) => {
        if (!req.url().startsWith('file://')) outside.push(req.url());
      });
      await context.route('**/*', (route) =>
        route.request().url().startsWith('file://') ? route.continue() : route.abort(),
      );
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

      const heading = await page.locator('h1').innerText();
      expect(heading).toBe(LABELS.join(' vs '));
      const cards = await page.locator('.vcard h3').allInnerTexts();
      expect(cards).toEqual(LABELS);
      // The table heads are upper-cased by CSS: their text, not what is drawn.
      const columns = await page.locator('table').first().locator('thead th').allTextContents();
      expect(columns.slice(1)).toEqual(LABELS);

      const charts = page.locator('svg.chart');
      const count = await charts.count();
      expect(count).toBeGreaterThanOrEqual(7);
      for (let i = 0; i < count; i++) {
        const chart = charts.nth(i);
        const box = await chart.boundingBox();
        expect(box, `chart ${i}`).not.toBeNull();
        expect(box!.width, `chart ${i} width`).toBeGreaterThan(0);
        expect(box!.height, `chart ${i} height`).toBeGreaterThan(0);
        // Lines, or the trade-off's dots and whiskers.
        expect(await chart.locator('path, polyline, circle').count(), `chart ${i} marks`).toBeGreaterThan(0);
      }
      await page.screenshot({ path: artifactPath('compare-outbox-variants.png'), fullPage: true });
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await chrome.close();
    }
  });
});
