// `chaoslab compare dual-write outbox-polling` on real containers: both variants run one after
// another under the same knobs, and compare.html renders offline beside compare.json.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../engine/lab';
import { managedFilter } from '../../engine/docker/labels';
import { getScenario } from '../../../scenarios';
import { buildVariants } from './compare-variants';
import { runComparison } from './compare-command';
import type { CompareJson } from './compare-model';

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
  it('dual-write vs outbox-polling under the same kill: one offline compare.html, numbers equal each run report', async () => {
    const sets = { orders: '20', downMs: '1000' };
    const variants = buildVariants({
      args: ['dual-write', 'outbox-polling'],
      sets,
      faults: [],
      getScenario,
      seed: 1,
    });
    const dir = path.join(root, 'cmp');
    const started = Date.now();
    const r = await runComparison(lab, variants, { dir, seed: 1, sets, faults: [] });
    console.log(`compare dual-write vs outbox-polling: ${Date.now() - started} ms`);
    expect(r.exitCode).toBe(0);

    const json = JSON.parse(fs.readFileSync(path.join(dir, 'compare.json'), 'utf8')) as CompareJson;
    expect(json.variants.map((v) => v.label)).toEqual(['dual-write', 'outbox-polling']);
    for (const v of json.variants) {
      const report = JSON.parse(fs.readFileSync(path.join(dir, v.dir, 'report.json'), 'utf8'));
      expect(v.verdict).toEqual({ valid: report.verdict.valid, anomalies: report.verdict.anomalies });
      expect(v.stores.map((s) => s.rows)).toEqual(report.stores.map((s: { rows: number }) => s.rows));
      expect(v.params.orders).toBe(20);
      expect(v.readyMs.kafka).toBeGreaterThan(0);
      expect(await lab.docker.listContainers({ all: true, filters: managedFilter(v.runId!) })).toHaveLength(
        0,
      );
    }
    const [dw, op] = json.variants;
    expect(dw.verdict.anomalies['lost-event']).toBeGreaterThan(0);
    expect(op.verdict.anomalies['lost-event']).toBe(0);
    expect(dw.faults.some((f) => f.kind === 'point' && f.target === 'writer')).toBe(true);
    expect(op.faults.some((f) => f.kind === 'point' && f.target === 'relay')).toBe(true);
    expect(op.serviceStats.relay).toMatchObject({ pollMs: 200 });

    const html = fs.readFileSync(path.join(dir, 'compare.html'), 'utf8');
    // Offline: no address outside the file, no script; links only to the variants' own reports.
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/Content-Security-Policy/);
    for (const m of html.matchAll(/href="([^"]+)"/g)) expect(fs.existsSync(path.join(dir, m[1]))).toBe(true);
    expect(html).toMatch(/dual-write vs outbox-polling/);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBeGreaterThanOrEqual(4);
    expect(html).toMatch(/Polling trade-off/);
  });
});
