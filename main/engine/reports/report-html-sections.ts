// Sections of report.html below the verdict: charts, timeline, final stores, topology.
import type { RunEvent } from '../events';
import type { ReportJson } from './report-json';
import { ackedWrites } from '../checks/history-views';
import { escapeHtml as esc, fmtSeconds } from './html-escape';
import { faultLabel } from './fault-intervals';
import { decimate } from './lttb';
import {
  divergenceByStore,
  gaugeSummaries,
  gaugesByUnit,
  rowsSeries,
  throughputSeries,
  type NamedSeries,
} from './series';
import { renderLineChart, type ChartBand } from './svg-chart';
import { renderTopology } from './svg-topology';
import { OUTCOME_COLORS, SERIES_COLORS, faultColor } from './report-style';

/** At most this many points per series on a chart (the JSON and CSV keep every point). */
export const MAX_CHART_POINTS = 1000;
const MAX_TIMELINE_ROWS = 400;
const MAX_IDS_SHOWN = 240;

export function chartEnd(report: ReportJson, events: readonly RunEvent[]): number {
  return Math.max(report.durationMs, ...events.map((e) => e.t), 1);
}

function bandsOf(
  report: ReportJson,
  xMax: number,
): { bands: ChartBand[]; legend: { label: string; color: string }[] } {
  const bands = report.faults.map((f) => ({
    from: f.at,
    to: f.until ?? xMax,
    open: f.until === null,
    label: faultLabel(f) + (f.until === null ? ' (never healed)' : ''),
    color: faultColor(f.kind),
  }));
  const kinds = [...new Set(report.faults.map((f) => f.kind))];
  return { bands, legend: kinds.map((k) => ({ label: `fault: ${k}`, color: faultColor(k) })) };
}

function storeColors(names: string[]): Map<string, string> {
  return new Map(names.map((n, i) => [n, SERIES_COLORS[i % SERIES_COLORS.length]]));
}

function chartBlock(title: string, caption: string, svg: string): string {
  return `<div class="chart-block"><h3>${esc(title)}</h3><p class="chart-caption">${esc(caption)}</p>${svg}</div>`;
}

export function renderCharts(report: ReportJson, events: readonly RunEvent[]): string {
  const xMax = chartEnd(report, events);
  const { bands, legend } = bandsOf(report, xMax);
  const rows = rowsSeries(events);
  const div = divergenceByStore(events);
  const colors = storeColors([...new Set([...rows, ...div].map((s) => s.name))].sort());
  const lines = (series: NamedSeries[], color: (n: string) => string) =>
    series.map((s) => ({ name: s.name, color: color(s.name), points: decimate(s.points, MAX_CHART_POINTS) }));
  const storeColor = (n: string) => colors.get(n) ?? SERIES_COLORS[0];
  const throughput = throughputSeries(events);
  const summaries = new Map(gaugeSummaries(events).map((g) => [g.name, g]));
  const gaugeBlocks = gaugesByUnit(events).map(({ unit, series }) => {
    const word = unit ?? 'value';
    const notes = series.map((s) => {
      const g = summaries.get(s.name)!;
      const peak = g.peak === null ? 'never read' : `peak ${g.peak} at ${fmtSeconds(g.peakAt!)}`;
      return `${s.name}: ${peak}, last ${g.last ?? 'unreadable'}`;
    });
    return chartBlock(
      `Gauges${unit ? ` (${unit})` : ''}: ${series.map((s) => s.name).join(', ')}`,
      `Quantities sampled by the lab’s probe, not stores of the data: never counted in convergence or divergence. ${notes.join('; ')}.`,
      renderLineChart({
        title: `Gauges in ${word}`,
        yLabel: word,
        xMaxMs: xMax,
        lines: lines(
          series,
          (n) => SERIES_COLORS[series.findIndex((s) => s.name === n) % SERIES_COLORS.length],
        ),
        bands,
        bandLegend: legend,
        integer: true,
      }),
    );
  });
  const blocks = [
    chartBlock(
      'Rows per store',
      'What each store held, sampled by the lab’s probe. A gap means the store could not be read (container down).',
      renderLineChart({
        title: 'Rows per store over time',
        yLabel: 'rows',
        xMaxMs: xMax,
        lines: lines(rows, storeColor),
        bands,
        bandLegend: legend,
        integer: true,
      }),
    ),
    chartBlock(
      'Divergence: acknowledged writes missing per store',
      'At each sample, how many writes already acknowledged to a client the store does not hold.',
      renderLineChart({
        title: 'Acknowledged writes missing per store',
        yLabel: 'missing writes',
        xMaxMs: xMax,
        lines: lines(div, storeColor),
        bands,
        bandLegend: legend,
        integer: true,
      }),
    ),
    chartBlock(
      'Operations per second by outcome',
      'Completed client operations: ok (happened), fail (definitely did not), info (outcome unknown).',
      renderLineChart({
        title: 'Operations per second by outcome',
        yLabel: 'ops / s',
        xMaxMs: xMax,
        lines: lines(throughput, (n) => OUTCOME_COLORS[n] ?? '#475569'),
        bands,
        bandLegend: legend,
        step: true,
      }),
    ),
    ...gaugeBlocks,
  ];
  return `<section class="card allow-break"><div class="card-head"><h2>Over time</h2><span class="muted">shaded bands: faults, from when they took effect to their heal</span></div>${blocks.join('')}</section>`;
}

interface TimelineRow {
  t: number;
  kind: 'fault' | 'container' | 'phase' | 'log';
  what: string;
  target: string;
  source: string;
  color?: string;
}

/** Who caused a container event: the source of a fault on it just before, else lab or external. */
function containerSource(events: readonly RunEvent[], i: number): string {
  const e = events[i];
  if (e.type !== 'container') return 'lab';
  for (let j = i - 1; j >= 0; j--) {
    const p = events[j];
    if (e.t - p.t > 5000) break;
    if (p.type === 'fault' && p.request.target === e.name) return p.source;
  }
  let phase = 'setup';
  for (let j = i - 1; j >= 0; j--) {
    const p = events[j];
    if (p.type === 'phase') {
      phase = p.phase;
      break;
    }
  }
  return phase === 'running' || phase === 'quiesce' || phase === 'final-read' ? 'external' : 'lab';
}

export function timelineRows(events: readonly RunEvent[]): TimelineRow[] {
  const rows: TimelineRow[] = [];
  events.forEach((e, i) => {
    if (e.type === 'fault') {
      const took = e.tookMs !== undefined ? ` in ${e.tookMs} ms` : '';
      const err = e.error ? `: ${e.error}` : '';
      rows.push({
        t: e.t,
        kind: 'fault',
        what: `${e.request.kind} ${e.state}${e.state === 'applied' ? took : ''}${err}`,
        target: e.request.peer ? `${e.request.target} / ${e.request.peer}` : e.request.target,
        source: e.source,
        color: faultColor(e.request.kind),
      });
    } else if (e.type === 'container') {
      rows.push({
        t: e.t,
        kind: 'container',
        what: `container ${e.action}${e.exitCode !== undefined ? ` (exit ${e.exitCode})` : ''}`,
        target: e.name,
        source: containerSource(events, i),
      });
    } else if (e.type === 'phase') {
      rows.push({
        t: e.t,
        kind: 'phase',
        what: `phase: ${e.phase}${e.detail ? ` (${e.detail})` : ''}`,
        target: '',
        source: 'lab',
      });
    } else if (e.type === 'log' && e.level !== 'info') {
      rows.push({ t: e.t, kind: 'log', what: `${e.level}: ${e.message}`, target: '', source: 'lab' });
    }
  });
  return rows.sort((a, b) => a.t - b.t);
}

export function renderTimeline(events: readonly RunEvent[]): string {
  const all = timelineRows(events);
  const rows = all.slice(0, MAX_TIMELINE_ROWS);
  const body = rows
    .map(
      (r) =>
        `<tr class="kind-${r.kind}"><td class="time">${esc(fmtSeconds(r.t))}</td>` +
        `<td class="what">${r.color ? `<span class="dot" style="background:${r.color}"></span>` : ''}${esc(r.what)}</td>` +
        `<td>${esc(r.target)}</td><td><span class="src src-${esc(r.source)}">${esc(r.source)}</span></td></tr>`,
    )
    .join('');
  const more =
    all.length > rows.length
      ? `<p class="muted">${all.length - rows.length} more rows are in run.jsonl.</p>`
      : '';
  return (
    `<section class="card allow-break"><div class="card-head"><h2>Timeline</h2><span class="muted">faults, container events and phases; source: lab (scheduled), user (clicked), external (outside the lab)</span></div>` +
    (rows.length
      ? `<table><thead><tr><th style="width:110px">time</th><th>what</th><th style="width:200px">target</th><th style="width:90px">source</th></tr></thead><tbody>${body}</tbody></table>${more}`
      : '<p class="muted">Nothing happened to the containers.</p>') +
    '</section>'
  );
}

export function renderStores(report: ReportJson, events: readonly RunEvent[]): string {
  if (report.stores.length === 0) {
    return '<section class="card"><h2>Final store contents</h2><p class="muted">No store was read at the end of this run.</p></section>';
  }
  const history = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
  const acked = [...new Set(ackedWrites(history).map((a) => a.id))];
  const body = report.stores
    .map((s) => {
      if (s.kind === 'gauge') {
        return (
          `<tr><td><b>${esc(s.name)}</b> <span class="muted">gauge</span></td><td>${s.available ? 'yes' : '<span class="pill s-error">unreadable</span>'}</td>` +
          `<td class="num">${s.available ? `${s.rows}${s.unit ? ` ${esc(s.unit)}` : ''}` : '—'}</td>` +
          `<td colspan="2"><span class="muted">a gauge, not a store of the writes</span></td></tr>`
        );
      }
      const have = new Set(s.ids);
      const missing = s.available ? acked.filter((id) => !have.has(id)) : [];
      const seen = new Set<string>();
      const chips = s.ids.slice(0, MAX_IDS_SHOWN).map((id) => {
        const dup = seen.has(id);
        seen.add(id);
        return `<span class="id${dup ? ' dup' : ''}">${esc(id)}</span>`;
      });
      if (s.ids.length > MAX_IDS_SHOWN)
        chips.push(`<span class="muted">and ${s.ids.length - MAX_IDS_SHOWN} more (report.json)</span>`);
      const missChips = missing.slice(0, 60).map((id) => `<span class="id missing">${esc(id)}</span>`);
      if (missing.length > 60) missChips.push(`<span class="muted">and ${missing.length - 60} more</span>`);
      return (
        `<tr><td><b>${esc(s.name)}</b></td><td>${s.available ? 'yes' : '<span class="pill s-error">unreadable</span>'}</td>` +
        `<td class="num">${s.available ? s.rows : '—'}</td>` +
        `<td><div class="ids">${chips.join('') || '<span class="muted">empty</span>'}</div></td>` +
        `<td><div class="ids">${missChips.join('') || '<span class="muted">none</span>'}</div></td></tr>`
      );
    })
    .join('');
  return (
    `<section class="card"><div class="card-head"><h2>Final store contents</h2><span class="muted">read after quiescence; ${acked.length} writes were acknowledged</span></div>` +
    `<table><thead><tr><th style="width:110px">store</th><th style="width:90px">readable</th><th class="num" style="width:60px">rows</th><th>ids held</th><th style="width:260px">acknowledged, not held</th></tr></thead><tbody>${body}</tbody></table></section>`
  );
}

export function renderTopologySection(report: ReportJson, events: readonly RunEvent[]): string {
  let topo: Extract<RunEvent, { type: 'topology' }> | undefined;
  for (const e of events) if (e.type === 'topology') topo = e;
  const counts: Record<string, Record<string, number>> = {};
  for (const f of report.faults) {
    const c = (counts[f.target] ??= {});
    c[f.kind] = (c[f.kind] ?? 0) + 1;
  }
  const notes: Record<string, string> = {};
  for (const [target, kinds] of Object.entries(counts)) {
    notes[target] = Object.entries(kinds)
      .map(([k, n]) => `${k} ×${n}`)
      .join(', ');
  }
  const svg = topo
    ? renderTopology(topo.containers, topo.links, { faultNotes: notes })
    : '<p class="muted">No topology was recorded.</p>';
  return `<section class="card"><div class="card-head"><h2>Topology</h2><span class="muted">containers and links; red: a fault hit it</span></div>${svg}</section>`;
}
