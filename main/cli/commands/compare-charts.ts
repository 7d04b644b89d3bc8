// The comparison's charts: each variant's rows per store and divergence, drawn with the run
// report's SVG chart on a common time axis that starts when the workload started (start-up
// times differ between variants), and a scatter of the polling trade-off. Pure.
import type { RunEvent } from '../../engine/events';
import { rowsSeries, divergenceByStore, decimate, type NamedSeries } from '../../engine/reports/series';
import { pairFaults, faultLabel } from '../../engine/reports/fault-intervals';
import { renderLineChart, type ChartBand } from '../../engine/reports/svg-chart';
import { SERIES_COLORS, faultColor } from '../../engine/reports/report-style';
import { escapeHtml as esc } from '../../engine/reports/html-escape';
import { fmtTick, niceTicks } from '../../engine/reports/chart-scale';

const MAX_POINTS = 600;

/** Events from the workload's start, with times (an op's own time too) shifted so that it is 0. */
export function fromRunning(events: readonly RunEvent[], runningAt: number | null): RunEvent[] {
  const t0 = runningAt ?? 0;
  return events
    .filter((e) => e.t >= t0)
    .map((e): RunEvent =>
      e.type === 'op'
        ? { ...e, t: e.t - t0, op: { ...e.op, time: e.op.time - t0 } }
        : ({ ...e, t: e.t - t0 } as RunEvent),
    );
}

export function chartSpan(events: readonly RunEvent[]): number {
  return events.reduce(
    (m, e) => (e.type === 'sample' || e.type === 'fault' || e.type === 'op' ? Math.max(m, e.t) : m),
    1,
  );
}

function bands(
  events: readonly RunEvent[],
  xMax: number,
): { bands: ChartBand[]; legend: { label: string; color: string }[] } {
  const faults = pairFaults(events);
  return {
    bands: faults.map((f) => ({
      from: f.at,
      to: f.until ?? xMax,
      open: f.until === null,
      label: faultLabel(f),
      color: faultColor(f.kind),
    })),
    legend: [...new Set(faults.map((f) => f.kind))].map((k) => ({
      label: `fault: ${k}`,
      color: faultColor(k),
    })),
  };
}

/** One colour per store name across every variant, so the same store looks the same. */
export function storeColors(names: string[]): Map<string, string> {
  return new Map([...new Set(names)].sort().map((n, i) => [n, SERIES_COLORS[i % SERIES_COLORS.length]]));
}

export function variantCharts(
  events: readonly RunEvent[],
  xMax: number,
  colors: Map<string, string>,
  width = 520,
): { rows: string; divergence: string } {
  const b = bands(events, xMax);
  const lines = (series: NamedSeries[]) =>
    series.map((s) => ({
      name: s.name,
      color: colors.get(s.name) ?? '#475569',
      points: decimate(s.points, MAX_POINTS),
    }));
  const common = {
    xMaxMs: xMax,
    bands: b.bands,
    bandLegend: b.legend,
    integer: true,
    width,
    height: 250,
  };
  return {
    rows: renderLineChart({
      ...common,
      title: 'Rows per store',
      yLabel: 'rows',
      lines: lines(rowsSeries(events)),
    }),
    divergence: renderLineChart({
      ...common,
      title: 'Acknowledged orders missing per store',
      yLabel: 'missing',
      lines: lines(divergenceByStore(events)),
    }),
  };
}

export interface TradeoffPoint {
  label: string;
  /** Relay queries per second (x). */
  qps: number;
  /** Delivery latency p50 and p95 (y), ms. */
  p50: number;
  p95: number | null;
}

/** A scatter: queries per second against delivery latency, a dot (p50) and a whisker to p95 per variant. */
export function renderTradeoff(points: TradeoffPoint[]): string {
  const W = 960;
  const H = 320;
  const left = 62;
  const right = W - 20;
  const top = 16;
  const bottom = H - 46;
  const x = niceTicks(0, Math.max(1, ...points.map((p) => p.qps)) * 1.1, 5);
  const y = niceTicks(0, Math.max(1, ...points.map((p) => p.p95 ?? p.p50)) * 1.1, 5);
  const sx = (v: number) => left + (v / x.max) * (right - left);
  const sy = (v: number) => bottom - (v / y.max) * (bottom - top);
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Polling trade-off">`,
    '<title>Relay queries per second against delivery latency</title>',
  ];
  for (const v of y.ticks) {
    parts.push(`<line class="grid" x1="${left}" y1="${sy(v)}" x2="${right}" y2="${sy(v)}"/>`);
    parts.push(
      `<text class="tick" x="${left - 8}" y="${sy(v)}" dy="0.32em" text-anchor="end">${fmtTick(v)}</text>`,
    );
  }
  for (const v of x.ticks) {
    parts.push(`<line class="axis" x1="${sx(v)}" y1="${bottom}" x2="${sx(v)}" y2="${bottom + 5}"/>`);
    parts.push(
      `<text class="tick" x="${sx(v)}" y="${bottom + 18}" text-anchor="middle">${fmtTick(v)}</text>`,
    );
  }
  parts.push(`<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`);
  parts.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}"/>`);
  parts.push(
    `<text class="axis-title" x="${(left + right) / 2}" y="${H - 8}" text-anchor="middle">relay queries per second</text>`,
  );
  parts.push(
    `<text class="axis-title" transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">order to consumer, ms (p50, whisker to p95)</text>`,
  );
  points.forEach((p, i) => {
    const c = SERIES_COLORS[i % SERIES_COLORS.length];
    const cx = sx(p.qps);
    if (p.p95 !== null)
      parts.push(
        `<line x1="${cx}" y1="${sy(p.p50)}" x2="${cx}" y2="${sy(p.p95)}" stroke="${c}" stroke-width="2"/>`,
      );
    parts.push(
      `<circle cx="${cx}" cy="${sy(p.p50)}" r="5" fill="${c}"><title>${esc(p.label)}</title></circle>`,
    );
    parts.push(`<text class="legend" x="${cx + 8}" y="${sy(p.p50) - 6}">${esc(p.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
