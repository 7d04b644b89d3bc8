// compare.html: one self-contained page (inline CSS and SVG, no script, no external address)
// with the variants of a comparison side by side: verdicts, the numbers that differ, their
// charts on a common time axis, and the polling trade-off when a relay was measured. Pure.
import type { RunEvent } from '../../engine/events';
import type { Validity } from '../../engine/checks/verdict';
import { REPORT_CSS } from '../../engine/reports/report-style';
import { escapeHtml as esc } from '../../engine/reports/html-escape';
import type { CompareJson, CompareVariantJson } from './compare-model';
import {
  chartSpan,
  fromRunning,
  renderTradeoff,
  storeColors,
  variantCharts,
  type TradeoffPoint,
} from './compare-charts';

const CSS = `
.cols{display:grid;gap:14px}
.cols-2{grid-template-columns:repeat(2,minmax(0,1fr))}
.cols-3{grid-template-columns:repeat(3,minmax(0,1fr))}
.vcard{border:1px solid var(--line);border-radius:10px;padding:14px 16px;background:#fff}
.vcard h3{margin:0 0 2px;font-size:15px}
.vcard .vtitle{min-height:3em}
.vcard .badge{min-width:0;width:100%;margin:10px 0 6px;padding:8px}
.vcard .badge .value{font-size:20px}
td.cell{font-variant-numeric:tabular-nums}
td.hit{color:var(--bad);font-weight:700}
.wrap{overflow-x:auto}
.page.wide{max-width:1440px}
table.cmp{table-layout:fixed}
table.cmp th:first-child{width:240px}
.ccell{display:flex;flex-direction:column;min-width:0}
.ccell>svg{margin-top:auto}
.tradeoff .chart{max-width:960px}
@media (max-width:800px){.cols-2,.cols-3{grid-template-columns:1fr}table.cmp{table-layout:auto}}
`;

/** Variants side by side: two or three a row (a fourth starts a new row). */
function columns(variants: number): 2 | 3 {
  return variants >= 3 ? 3 : 2;
}

function word(v: Validity): string {
  return v === true ? 'Valid' : v === false ? 'Invalid' : 'Unknown';
}

function cls(v: Validity): string {
  return v === true ? 'v-valid' : v === false ? 'v-invalid' : 'v-unknown';
}

function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function stat(v: CompareVariantJson, check: string, key: string): number | null {
  const x = v.checks.find((c) => c.name === check)?.stats?.[key];
  return typeof x === 'number' ? x : null;
}

function variantCard(v: CompareVariantJson): string {
  const exp =
    v.matchesExpected === null
      ? ''
      : `<p class="muted">expected ${v.expected ? word(v.expected.valid).toLowerCase() : '?'}: ${v.matchesExpected ? 'shown' : '<b>not shown</b>'}</p>`;
  const skipped = v.skippedFaults.length
    ? `<p class="muted">--fault not applied: ${esc(v.skippedFaults.join('; '))}</p>`
    : '';
  return (
    `<div class="vcard"><h3>${esc(v.label)}</h3><div class="muted vtitle">${esc(v.title)}</div>` +
    `<div class="badge ${cls(v.verdict.valid)}"><span class="label">Verdict</span><span class="value">${word(v.verdict.valid)}</span></div>` +
    `<span class="pill s-${esc(v.status)}">${esc(v.status)}</span> ` +
    `<a href="${esc(`${v.dir}/report.html`)}">run report</a>` +
    (v.error ? `<div class="alert">${esc(v.error)}</div>` : '') +
    exp +
    skipped +
    `</div>`
  );
}

function row(label: string, cells: string[], hit: boolean[] = []): string {
  return `<tr><td><b>${esc(label)}</b></td>${cells.map((c, i) => `<td class="cell${hit[i] ? ' hit' : ''}">${c}</td>`).join('')}</tr>`;
}

function numbersTable(vs: CompareVariantJson[]): string {
  const rows: string[] = [];
  rows.push(
    row(
      'verdict',
      vs.map(
        (v) => `<span class="pill ${cls(v.verdict.valid)}">${word(v.verdict.valid).toLowerCase()}</span>`,
      ),
    ),
  );
  const kinds = [...new Set(vs.flatMap((v) => Object.keys(v.verdict.anomalies)))].sort();
  for (const k of kinds) {
    const n = vs.map((v) => v.verdict.anomalies[k]);
    rows.push(
      row(
        k,
        n.map((x) => (x === undefined ? '—' : String(x))),
        n.map((x) => (x ?? 0) > 0),
      ),
    );
  }
  const stores = [...new Set(vs.flatMap((v) => v.stores.map((s) => s.name)))];
  for (const s of stores) {
    const gauge = vs.flatMap((v) => v.stores).find((x) => x.name === s && x.kind === 'gauge');
    rows.push(
      row(
        gauge ? `${s} at the end${gauge.unit ? ` (${gauge.unit})` : ''}` : `rows in ${s}`,
        vs.map((v) => {
          const x = v.stores.find((y) => y.name === s);
          if (!x) return '—';
          if (!x.available) return 'unreadable';
          return x.distinct !== x.rows ? `${x.rows} (${x.distinct} distinct)` : String(x.rows);
        }),
      ),
    );
  }
  rows.push(
    row(
      'client ops ok / fail / info',
      vs.map((v) => `${v.ops.ok} / ${v.ops.fail} / ${v.ops.info}`),
    ),
  );
  rows.push(
    row(
      'faults',
      vs.map((v) => esc(v.faults.map((f) => `${f.kind} ${f.target}`).join(', ') || 'none')),
    ),
  );
  rows.push(
    row(
      'converged after last fault',
      vs.map((v) =>
        v.convergence.lastFaultAt === null
          ? 'no fault'
          : v.convergence.afterLastFaultMs === null
            ? 'never'
            : fmtMs(v.convergence.afterLastFaultMs),
      ),
    ),
  );
  rows.push(
    row(
      'delivery latency p50 / p95',
      vs.map(
        (v) => `${fmtMs(stat(v, 'delivery-latency', 'p50'))} / ${fmtMs(stat(v, 'delivery-latency', 'p95'))}`,
      ),
    ),
  );
  rows.push(
    row(
      'relay queries / s',
      vs.map((v) => String(stat(v, 'relay-polling', 'queriesPerSecond') ?? '—')),
    ),
  );
  const ready = [...new Set(vs.flatMap((v) => Object.keys(v.readyMs)))];
  for (const c of ready)
    rows.push(
      row(
        `${c} ready in`,
        vs.map((v) => fmtMs(v.readyMs[c])),
      ),
    );
  rows.push(
    row(
      'run lasted',
      vs.map((v) => fmtMs(v.durationMs)),
    ),
  );
  return (
    `<section class="card"><div class="card-head"><h2>The numbers</h2><span class="muted">final stores read after the run settled; red: an anomaly was counted</span></div>` +
    `<div class="wrap"><table class="cmp"><thead><tr><th></th>${vs.map((v) => `<th>${esc(v.label)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`
  );
}

function checksTable(vs: CompareVariantJson[]): string {
  const names = [...new Set(vs.flatMap((v) => v.checks.map((c) => c.name)))];
  const body = names
    .map((n) =>
      row(
        n,
        vs.map((v) => {
          const c = v.checks.find((x) => x.name === n);
          return c
            ? `<span class="pill ${cls(c.valid)}">${word(c.valid).toLowerCase()}</span> ${esc(c.summary)}`
            : '—';
        }),
      ),
    )
    .join('');
  return (
    `<section class="card"><div class="card-head"><h2>Checks</h2><span class="muted">what each check found, per variant</span></div>` +
    `<div class="wrap"><table class="cmp"><thead><tr><th>check</th>${vs.map((v) => `<th>${esc(v.label)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table></div></section>`
  );
}

function chartsSection(vs: CompareVariantJson[], events: readonly (readonly RunEvent[])[]): string {
  const shifted = vs.map((v, i) => fromRunning(events[i] ?? [], v.runningAt));
  const xMax = Math.max(1, ...shifted.map(chartSpan));
  const colors = storeColors(vs.flatMap((v) => v.stores.map((s) => s.name)));
  const n = columns(vs.length);
  // Drawn about the size of a column (three columns on the wide page), so that its text is not shrunk.
  const charts = shifted.map((e) => variantCharts(e, xMax, colors, n === 3 ? 440 : 520));
  // A chart whose legend wraps is taller: bottom-aligned, the plots of a row still line up.
  const grid = (pick: (c: { rows: string; divergence: string }) => string) =>
    `<div class="cols cols-${n}">${charts.map((c, i) => `<div class="ccell"><h3>${esc(vs[i].label)}</h3>${pick(c)}</div>`).join('')}</div>`;
  return (
    `<section class="card allow-break"><div class="card-head"><h2>Over time, side by side</h2><span class="muted">time from the start of each workload; shaded: faults, to their heal</span></div>` +
    `<h3>Rows per store</h3><p class="chart-caption">What each store held, sampled by the lab’s probe.</p>${grid((c) => c.rows)}` +
    `<h3>Acknowledged orders missing per store</h3><p class="chart-caption">For the consumer: orders acknowledged to the client that it has not applied. For outbox-sent: the outbox backlog.</p>${grid((c) => c.divergence)}` +
    `</section>`
  );
}

export function tradeoffPoints(vs: CompareVariantJson[]): TradeoffPoint[] {
  return vs.flatMap((v) => {
    const qps = stat(v, 'relay-polling', 'queriesPerSecond');
    const p50 = stat(v, 'delivery-latency', 'p50');
    return qps !== null && p50 !== null
      ? [{ label: v.label, qps, p50, p95: stat(v, 'delivery-latency', 'p95') }]
      : [];
  });
}

function tradeoffSection(vs: CompareVariantJson[]): string {
  const points = tradeoffPoints(vs);
  if (!points.length) return '';
  return (
    `<section class="card tradeoff"><div class="card-head"><h2>Polling trade-off</h2><span class="muted">a shorter polling interval: lower latency, more queries</span></div>` +
    `<p class="chart-caption">x: queries the relay sent per second since its last start; y: from placing an order to the consumer applying it, as the lab’s probe saw it. A kill in the run stretches the latency of the orders committed while the relay was down.</p>` +
    renderTradeoff(points) +
    `</section>`
  );
}

export function renderCompareHtml(c: CompareJson, events: readonly (readonly RunEvent[])[]): string {
  const vs = c.variants;
  const title = vs.map((v) => v.label).join(' vs ');
  const sets = Object.entries(c.sets)
    .map(([k, v]) => `<span class="param"><b>${esc(k)}</b>=${esc(v)}</span>`)
    .join('');
  const faults = c.faults.map((f) => `<span class="param">--fault ${esc(f)}</span>`).join('');
  const n = columns(vs.length);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)} — Chaos Lab comparison</title>`,
    `<style>${REPORT_CSS}${CSS}</style></head><body><main class="page${n === 3 ? ' wide' : ''}">`,
    `<header class="card hero"><div class="kicker">Chaos Lab · comparison</div><h1>${esc(title)}</h1>` +
      `<div class="sub"><span>${esc(c.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))}</span><span>${vs.length} variants, one after another</span><span>seed ${esc(c.seed)}</span></div>` +
      `<div class="params">${sets || '<span class="muted">each variant with its defaults</span>'}${faults}</div></header>`,
    `<div class="cols cols-${n}">${vs.map(variantCard).join('')}</div>`,
    numbersTable(vs),
    chartsSection(vs, events),
    tradeoffSection(vs),
    checksTable(vs),
    `<footer>Generated by Chaos Lab from each variant’s run.jsonl; compare.json holds the same numbers.</footer>`,
    '</main></body></html>',
  ].join('\n');
}
