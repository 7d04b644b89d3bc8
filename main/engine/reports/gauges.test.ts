// Gauges in the reports: charted apart from the stores of rows (one chart per unit), kept out
// of rows, divergence and convergence, listed in report.json and the CSV.
import { describe, expect, it } from 'vitest';
import type { RunEvent, StoreSnapshot } from '../events';
import { buildReport } from './report-json';
import { renderReportHtml } from './report-html';
import { renderCsv } from './report-csv';
import { divergenceByStore, gaugeSummaries, gaugesByUnit, rowsSeries } from './series';
import { sampleRun } from './sample-run.fixture';

function withGauges() {
  const run = sampleRun();
  const gauges: RunEvent[] = [];
  for (let t = 260; t <= 6500; t += 250) {
    // Lag rises while order-2 is down (2.0-4.0 s), then falls back to 0.
    const lag =
      t < 2000 ? 0 : t < 4000 ? Math.round((t - 2000) / 100) : Math.max(0, 20 - Math.round((t - 4000) / 50));
    gauges.push({
      type: 'sample',
      t,
      probe: 'kafka-lag',
      store: 'lag:g',
      rows: lag,
      kind: 'gauge',
      unit: 'messages',
    });
    gauges.push({
      type: 'sample',
      t: t + 1,
      probe: 'rows',
      store: 'wal',
      rows: t < 3000 ? 2 : 9,
      ids: ['0/0'],
      kind: 'gauge',
      unit: 'KiB',
    });
  }
  const events = [...run.events, ...gauges].sort((a, b) => a.t - b.t);
  const wal: StoreSnapshot = {
    name: 'wal',
    rows: 9,
    ids: ['0/0'],
    available: true,
    kind: 'gauge',
    unit: 'KiB',
  };
  return { ...run, events, finalStores: [...run.finalStores, wal] };
}

describe('gauges in the reports', () => {
  const plain = sampleRun();
  const run = withGauges();
  const report = buildReport(run.events, run.verdict, run.finalStores);

  it('leaves rows, divergence and convergence as they were without gauges', () => {
    expect(rowsSeries(run.events)).toEqual(rowsSeries(plain.events));
    expect(divergenceByStore(run.events)).toEqual(divergenceByStore(plain.events));
    expect(report.convergence).toEqual(
      buildReport(plain.events, plain.verdict, plain.finalStores).convergence,
    );
  });

  it('groups gauges by unit and summarises each in report.json', () => {
    expect(gaugesByUnit(run.events).map((g) => [g.unit, g.series.map((s) => s.name)])).toEqual([
      ['KiB', ['wal']],
      ['messages', ['lag:g']],
    ]);
    expect(gaugeSummaries(run.events).find((g) => g.name === 'lag:g')).toMatchObject({
      unit: 'messages',
      peak: 20,
      last: 0,
    });
    expect(report.gauges.map((g) => g.name)).toEqual(['lag:g', 'wal']);
    expect(report.stores.find((s) => s.name === 'wal')).toMatchObject({
      kind: 'gauge',
      unit: 'KiB',
      rows: 9,
    });
    expect(report.stores.find((s) => s.name === 'order-1')).not.toHaveProperty('kind');
  });

  it('charts each unit apart in report.html, labelled as gauges with the unit', () => {
    const html = renderReportHtml(report, run.events);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(5);
    expect(html).toContain('Gauges (messages): lag:g');
    expect(html).toContain('Gauges (KiB): wal');
    expect(html).toMatch(/lag:g: peak 20 at [\d.]+ ?s, last 0/);
    expect(html).toContain('a gauge, not a store of the writes');
  });

  it('writes gauges to the CSV as gauge:<unit>, never as rows', () => {
    const lines = renderCsv(run.events).trimEnd().split('\n');
    expect(lines.some((l) => l.startsWith('gauge:messages,lag:g,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('gauge:KiB,wal,'))).toBe(true);
    expect(lines.some((l) => /^(rows|divergence),(wal|lag:g),/.test(l))).toBe(false);
  });
});
