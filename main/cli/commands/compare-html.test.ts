import { describe, it, expect } from 'vitest';
import type { RunEvent } from '../../engine/events';
import { renderCompareHtml, tradeoffPoints } from './compare-html';
import { fromRunning } from './compare-charts';
import { divergenceByStore } from '../../engine/reports/series';
import { readyTimes, type CompareJson, type CompareVariantJson } from './compare-model';

function variant(label: string, o: Partial<CompareVariantJson> = {}): CompareVariantJson {
  return {
    label,
    scenario: label,
    title: `${label} title`,
    params: {},
    runId: `${label}-run`,
    dir: `1-${label}`,
    status: 'completed',
    exitCode: 0,
    durationMs: 10_000,
    runningAt: 1000,
    verdict: { valid: true, anomalies: { 'lost-event': 0 } },
    expected: { valid: true, anomalies: [] },
    matchesExpected: true,
    stores: [{ name: 'writer-orders', rows: 3, distinct: 3, available: true }],
    ops: { invoked: 3, ok: 3, fail: 0, info: 0 },
    faults: [],
    skippedFaults: [],
    convergence: { afterLastFaultMs: 0, lastFaultAt: null, convergedAt: 0 },
    checks: [],
    readyMs: { kafka: 3500 },
    serviceStats: {},
    ...o,
  };
}

const events: RunEvent[] = [
  { type: 'phase', t: 1000, phase: 'running' },
  { type: 'sample', t: 1100, probe: 'rows', store: 'writer-orders', rows: 1, ids: ['a'] },
  { type: 'sample', t: 1500, probe: 'rows', store: 'writer-orders', rows: 3, ids: ['a', 'b', 'c'] },
  { type: 'log', t: 900, level: 'info', message: 'kafka ready in 3500 ms' },
];

function compare(vs: CompareVariantJson[]): CompareJson {
  return {
    kind: 'chaoslab-compare',
    createdAt: '2026-01-01T00:00:00.000Z',
    variants: vs,
    sets: { orders: '3' },
    faults: [],
    seed: 1,
  };
}

describe('renderCompareHtml', () => {
  it('is one offline page with a column per variant, anomalies marked, labels escaped', () => {
    const html = renderCompareHtml(
      compare([
        variant('dual-write', { verdict: { valid: false, anomalies: { 'lost-event': 2 } } }),
        variant('<b>x</b>'),
      ]),
      [events, events],
    );
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/dual-write vs &lt;b&gt;x&lt;\/b&gt;/);
    expect(html).toMatch(/<td class="cell hit">2<\/td>/);
    expect(html).toMatch(/kafka ready in/);
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(4);
    expect(html).not.toMatch(/Polling trade-off/);
  });

  it('names a gauge by its last value and unit, a store of rows by its rows', () => {
    const html = renderCompareHtml(
      compare([
        variant('outbox-cdc', {
          stores: [
            { name: 'writer-orders', rows: 3, distinct: 3, available: true },
            {
              name: 'slot-wal-retained-kib',
              rows: 21,
              distinct: 0,
              available: true,
              kind: 'gauge',
              unit: 'KiB',
            },
          ],
        }),
        variant('dual-write'),
      ]),
      [events, events],
    );
    expect(html).toMatch(/rows in writer-orders/);
    expect(html).toMatch(/slot-wal-retained-kib at the end \(KiB\)/);
    expect(html).not.toMatch(/rows in slot-wal-retained-kib/);
  });

  it('lays three variants out on a wider page, with charts drawn about a column wide', () => {
    const two = renderCompareHtml(compare([variant('a'), variant('b')]), [events, events]);
    expect(two).toMatch(/<main class="page">/);
    expect(two).toMatch(/<div class="cols cols-2">/);
    expect(two).toMatch(/<svg class="chart" viewBox="0 0 520 /);
    const three = renderCompareHtml(compare([variant('a'), variant('b'), variant('c')]), [
      events,
      events,
      events,
    ]);
    expect(three).toMatch(/<main class="page wide">/);
    expect(three).toMatch(/<div class="cols cols-3">/);
    expect((three.match(/<div class="ccell">/g) ?? []).length).toBe(6);
    expect((three.match(/<svg class="chart" viewBox="0 0 440 /g) ?? []).length).toBe(6);
  });

  it('adds the polling trade-off when a variant measured its relay', () => {
    const withRelay = variant('outbox-polling', {
      checks: [
        { name: 'relay-polling', valid: true, summary: '', stats: { queriesPerSecond: 6.5 } },
        { name: 'delivery-latency', valid: true, summary: '', stats: { p50: 120, p95: 300 } },
      ],
    });
    expect(tradeoffPoints([variant('dual-write'), withRelay])).toEqual([
      { label: 'outbox-polling', qps: 6.5, p50: 120, p95: 300 },
    ]);
    expect(renderCompareHtml(compare([variant('dual-write'), withRelay]), [events, events])).toMatch(
      /Polling trade-off/,
    );
  });
});

describe('compare model helpers', () => {
  it('charts start when the workload started, an op’s own time too', () => {
    expect(fromRunning(events, 1000).map((e) => e.t)).toEqual([0, 100, 500]);
    const op: RunEvent = {
      type: 'op',
      t: 1200,
      op: { process: 'c', type: 'ok', f: 'add', value: { id: 'a' }, time: 1200 },
    };
    expect(fromRunning([op], 1000)[0]).toMatchObject({ t: 200, op: { time: 200 } });
  });

  it('shows divergence on the shifted axis: acknowledged, not yet applied', () => {
    const ev: RunEvent[] = [
      { type: 'phase', t: 1000, phase: 'running' },
      { type: 'op', t: 1050, op: { process: 'c', type: 'invoke', f: 'add', value: { id: 'a' }, time: 1050 } },
      { type: 'op', t: 1060, op: { process: 'c', type: 'ok', f: 'add', value: { id: 'a' }, time: 1060 } },
      { type: 'sample', t: 1100, probe: 'rows', store: 'consumer-effects', rows: 0, ids: [] },
    ];
    const shifted = fromRunning(ev, 1000);
    expect(divergenceByStore(shifted)).toEqual([{ name: 'consumer-effects', points: [{ t: 100, v: 1 }] }]);
  });
  it('reads the first readiness time of each container', () => {
    expect(
      readyTimes([
        ...events,
        { type: 'log', t: 5000, level: 'info', message: 'kafka ready in 10 ms' },
        { type: 'log', t: 5000, level: 'info', message: 'writer ready in 800 ms' },
      ]),
    ).toEqual({ kafka: 3500, writer: 800 });
  });
});
