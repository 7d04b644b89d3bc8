// A line chart as inline SVG: axes with ticks, grid, legend, and shaded fault bands with
// labels. No script, no external reference; styled by the report's CSS classes.
import type { Point } from './lttb';
import { escapeHtml as esc } from './html-escape';
import { fmtTick, niceStep, niceTicks } from './chart-scale';

export interface ChartLine {
  name: string;
  color: string;
  points: Point[];
}

export interface ChartBand {
  from: number;
  /** Where the band ends (the chart's end when the fault was never healed). */
  to: number;
  label: string;
  color: string;
  /** True when the fault was never healed: the band runs to the end, right edge dashed. */
  open?: boolean;
}

export interface LineChartOptions {
  title: string;
  yLabel: string;
  /** The x axis runs from 0 to this many ms. */
  xMaxMs: number;
  lines: ChartLine[];
  bands: ChartBand[];
  /** Draw as steps (for per-bucket counts). */
  step?: boolean;
  /** Integer values only (row counts): integer y ticks. */
  integer?: boolean;
  /** Legend entries for band colours (kind -> colour). */
  bandLegend?: { label: string; color: string }[];
  width?: number;
  height?: number;
}

const CHAR_W = 6.4;
const f1 = (n: number) => (Math.round(n * 10) / 10).toString();

interface LegendItem {
  label: string;
  color: string;
  shape: 'line' | 'box';
}

function layoutLegend(items: LegendItem[], x0: number, maxX: number) {
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = x0;
  let row = 0;
  for (const item of items) {
    const w = 22 + item.label.length * CHAR_W + 18;
    if (x + w > maxX && x > x0) {
      row++;
      x = x0;
    }
    placed.push({ item, x, row });
    x += w;
  }
  return { placed, rows: items.length ? row + 1 : 0 };
}

function pathFor(
  points: Point[],
  sx: (t: number) => number,
  sy: (v: number) => number,
  step: boolean,
): { d: string; dots: [number, number][] } {
  let d = '';
  const dots: [number, number][] = [];
  let runLen = 0;
  let lastY = 0;
  points.forEach((p, i) => {
    if (p.v === null) {
      if (runLen === 1) {
        const prev = points[i - 1];
        dots.push([sx(prev.t), sy(prev.v as number)]);
      }
      runLen = 0;
      return;
    }
    const x = sx(p.t);
    const y = sy(p.v);
    if (runLen === 0) d += `M${f1(x)} ${f1(y)}`;
    else if (step) d += `H${f1(x)}V${f1(y)}`;
    else d += `L${f1(x)} ${f1(y)}`;
    lastY = y;
    runLen++;
  });
  if (runLen === 1) {
    const last = points[points.length - 1];
    dots.push([sx(last.t), lastY]);
  }
  return { d, dots };
}

export function renderLineChart(o: LineChartOptions): string {
  const W = o.width ?? 960;
  const H0 = o.height ?? 300;
  const left = 58;
  const right = W - 18;
  const legendItems: LegendItem[] = [
    ...o.lines.map((l) => ({ label: l.name, color: l.color, shape: 'line' as const })),
    ...(o.bandLegend ?? []).map((b) => ({ label: b.label, color: b.color, shape: 'box' as const })),
  ];
  const legend = layoutLegend(legendItems, left, right);
  const top = 14 + legend.rows * 18 + 6;
  const H = H0 + legend.rows * 18;
  const bottom = H - 44;
  const xMax = Math.max(1, o.xMaxMs);
  let yMaxData = 0;
  for (const l of o.lines) for (const p of l.points) if (p.v !== null && p.v > yMaxData) yMaxData = p.v;
  // Headroom above the highest value, so lines never run under the band labels.
  const y = niceTicks(0, yMaxData > 0 ? yMaxData * 1.12 : 1, 5, o.integer);
  const sx = (t: number) => left + (Math.min(Math.max(t, 0), xMax) / xMax) * (right - left);
  const sy = (v: number) => bottom - (v / y.max) * (bottom - top);
  const xStep = niceStep(xMax / 1000, 10) * 1000;

  const parts: string[] = [];
  parts.push(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(o.title)}">`,
  );
  parts.push(`<title>${esc(o.title)}</title>`);

  // Legend.
  for (const { item, x, row } of legend.placed) {
    const ly = 14 + row * 18;
    if (item.shape === 'line') {
      parts.push(
        `<line x1="${x}" y1="${ly - 4}" x2="${x + 16}" y2="${ly - 4}" stroke="${item.color}" stroke-width="2.5" stroke-linecap="round"/>`,
      );
    } else {
      parts.push(
        `<rect x="${x}" y="${ly - 10}" width="16" height="11" fill="${item.color}" fill-opacity="0.22" stroke="${item.color}" stroke-opacity="0.7"/>`,
      );
    }
    parts.push(`<text class="legend" x="${x + 22}" y="${ly}">${esc(item.label)}</text>`);
  }

  // Fault bands, behind everything else; labels staggered so they do not overlap.
  const rowsEnd: number[] = [];
  for (const b of [...o.bands].sort((p, q) => p.from - q.from)) {
    const x1 = sx(b.from);
    const x2 = Math.max(sx(b.to), x1 + 2);
    parts.push(`<g class="band"><title>${esc(b.label)}</title>`);
    parts.push(
      `<rect x="${f1(x1)}" y="${top}" width="${f1(x2 - x1)}" height="${bottom - top}" fill="${b.color}" fill-opacity="0.13"/>`,
    );
    parts.push(
      `<line x1="${f1(x1)}" y1="${top}" x2="${f1(x1)}" y2="${bottom}" stroke="${b.color}" stroke-opacity="0.75" stroke-width="1.2"/>`,
    );
    parts.push(
      `<line x1="${f1(x2)}" y1="${top}" x2="${f1(x2)}" y2="${bottom}" stroke="${b.color}" stroke-opacity="0.6" stroke-width="1"${b.open ? ' stroke-dasharray="4 3"' : ''}/>`,
    );
    const w = b.label.length * CHAR_W + 6;
    let row = rowsEnd.findIndex((end) => end < x1);
    if (row === -1) row = rowsEnd.length;
    rowsEnd[row] = x1 + 4 + w;
    const anchorRight = x1 + 4 + w > right;
    const tx = anchorRight ? f1(Math.max(x2 - 4, left + w)) : f1(x1 + 4);
    parts.push(
      `<text class="band-label" x="${tx}" y="${top + 12 + row * 13}" fill="${b.color}"${anchorRight ? ' text-anchor="end"' : ''}>${esc(b.label)}</text></g>`,
    );
  }

  // Grid and axes.
  for (const v of y.ticks) {
    const yy = f1(sy(v));
    parts.push(`<line class="grid" x1="${left}" y1="${yy}" x2="${right}" y2="${yy}"/>`);
    parts.push(
      `<text class="tick" x="${left - 8}" y="${yy}" dy="0.32em" text-anchor="end">${fmtTick(v)}</text>`,
    );
  }
  for (let t = 0; t <= xMax + 1e-6; t += xStep) {
    const xx = f1(sx(t));
    parts.push(`<line class="grid grid-x" x1="${xx}" y1="${top}" x2="${xx}" y2="${bottom}"/>`);
    parts.push(`<line class="axis" x1="${xx}" y1="${bottom}" x2="${xx}" y2="${bottom + 5}"/>`);
    parts.push(
      `<text class="tick" x="${xx}" y="${bottom + 18}" text-anchor="middle">${fmtTick(t / 1000)}</text>`,
    );
  }
  parts.push(`<line class="axis" x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`);
  parts.push(`<line class="axis" x1="${left}" y1="${top}" x2="${left}" y2="${bottom}"/>`);
  parts.push(
    `<text class="axis-title" x="${(left + right) / 2}" y="${H - 8}" text-anchor="middle">time since start (s)</text>`,
  );
  parts.push(
    `<text class="axis-title" transform="translate(14 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
  );

  // Series.
  if (o.lines.every((l) => l.points.every((p) => p.v === null))) {
    parts.push(
      `<text class="empty" x="${(left + right) / 2}" y="${(top + bottom) / 2}" text-anchor="middle">no data recorded</text>`,
    );
  }
  for (const l of o.lines) {
    const drawn = pathFor(l.points, sx, sy, !!o.step);
    const dots = drawn.dots;
    let d = drawn.d;
    // A step series holds its last value to the end of the axis.
    if (o.step && d && l.points.length && l.points[l.points.length - 1].v !== null) d += `H${f1(sx(xMax))}`;
    parts.push(`<g class="series"><title>${esc(l.name)}</title>`);
    if (d)
      parts.push(
        `<path d="${d}" fill="none" stroke="${l.color}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    for (const [cx, cy] of dots)
      parts.push(`<circle cx="${f1(cx)}" cy="${f1(cy)}" r="2.5" fill="${l.color}"/>`);
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}
