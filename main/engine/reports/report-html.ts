// report.html: one self-contained file (inline CSS and SVG, no script, no external
// address) that a person can read offline or print: verdict, charts with fault bands,
// timeline, final stores, topology.
import type { RunEvent } from '../events';
import type { Validity } from '../checks/verdict';
import type { ReportJson } from './report-json';
import { compactJson, escapeHtml as esc } from './html-escape';
import { REPORT_CSS } from './report-style';
import { renderCharts, renderStores, renderTimeline, renderTopologySection } from './report-html-sections';

const MAX_EXAMPLES_SHOWN = 3;

export function validityClass(v: Validity): string {
  return v === true ? 'v-valid' : v === false ? 'v-invalid' : 'v-unknown';
}

export function validityWord(v: Validity): string {
  return v === true ? 'Valid' : v === false ? 'Invalid' : 'Unknown';
}

function fmtDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function fmtDate(iso: string | null): string {
  if (!iso) return 'unknown';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
}

function renderHeader(r: ReportJson): string {
  const sub = [
    r.runId ? `run <span class="mono">${esc(r.runId)}</span>` : 'run id unknown',
    `started ${esc(fmtDate(r.startedAt))}`,
    `lasted ${esc(fmtDuration(r.durationMs))}`,
    r.seed !== null ? `seed ${esc(r.seed)}` : '',
  ].filter(Boolean);
  const params = Object.entries(r.params)
    .map(
      ([k, v]) =>
        `<span class="param"><b>${esc(k)}</b>=${esc(typeof v === 'string' ? v : JSON.stringify(v))}</span>`,
    )
    .join('');
  const statusNote =
    r.status === 'completed'
      ? ''
      : r.status === 'aborted'
        ? '<div class="note">The run was cut off before it finished: the charts and counts cover what was recorded until then, and the verdict may be unknown.</div>'
        : '';
  return (
    `<header class="card hero"><div class="kicker">Chaos Lab · run report</div>` +
    `<div class="hero-row"><div><h1>${esc(r.scenario)}</h1><div class="sub">${sub.map((s) => `<span>${s}</span>`).join('')}</div>` +
    `<div class="params"><span class="pill s-${esc(r.status)}">${esc(r.status)}</span>${params}</div></div>` +
    `<div class="badge ${validityClass(r.verdict.valid)}"><span class="label">Verdict</span><span class="value">${validityWord(r.verdict.valid)}</span></div></div>` +
    (r.error ? `<div class="alert">${esc(r.error)}</div>` : '') +
    statusNote +
    `</header>`
  );
}

function kpi(label: string, value: string, small = ''): string {
  return `<div class="kpi"><div class="k">${esc(label)}</div><div class="v">${value}${small ? ` <small>${esc(small)}</small>` : ''}</div></div>`;
}

function renderKpis(r: ReportJson): string {
  const conv = r.convergence.afterLastFaultMs;
  const pct = (n: number) => (r.ops.invoked ? `${Math.round((100 * n) / r.ops.invoked)}%` : '');
  return (
    `<div class="kpis">` +
    kpi('ops invoked', String(r.ops.invoked)) +
    kpi('ok', String(r.ops.ok), pct(r.ops.ok)) +
    kpi('fail', String(r.ops.fail), pct(r.ops.fail)) +
    kpi('info', String(r.ops.info), 'unknown') +
    kpi('faults', String(r.faults.length)) +
    (r.faults.length === 0
      ? kpi('converged', '—', 'no fault')
      : kpi(
          'converged',
          conv === null ? '—' : esc(fmtDuration(conv)),
          conv === null ? 'never' : 'after last fault',
        )) +
    `</div>`
  );
}

function renderExpected(r: ReportJson): string {
  if (!r.expected) return '';
  const exp = r.expected;
  const matches =
    exp.valid === r.verdict.valid && exp.anomalies.every((k) => (r.verdict.anomalies[k] ?? 0) > 0);
  return (
    `<div class="note">Expected for these parameters: <b>${validityWord(exp.valid).toLowerCase()}</b>` +
    (exp.anomalies.length ? ` with ${exp.anomalies.map((a) => `<code>${esc(a)}</code>`).join(', ')}` : '') +
    ` — ${matches ? 'the run shows it.' : '<b>the run does not match</b>.'}</div>`
  );
}

function renderVerdict(r: ReportJson): string {
  const v = r.verdict;
  const kinds = Object.entries(v.anomalies).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const anoms = kinds.length
    ? `<div class="anoms">${kinds
        .map(
          ([k, n]) =>
            `<div class="anom ${n > 0 ? 'hit' : 'zero'}"><span class="n">${n}</span><span>${esc(k)}</span></div>`,
        )
        .join('')}</div>`
    : '';
  const checks = v.checks.length
    ? `<table><thead><tr><th style="width:170px">check</th><th style="width:90px">result</th><th>what was found</th></tr></thead><tbody>${v.checks
        .map(
          (c) =>
            `<tr><td><b>${esc(c.name)}</b></td><td><span class="pill ${validityClass(c.valid)}">${validityWord(c.valid).toLowerCase()}</span></td><td>${esc(c.summary)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p class="muted">No check ran: the run did not reach its final reads.</p>';
  const exKinds = Object.entries(v.examples).filter(([, list]) => list.length > 0);
  const examples = exKinds.length
    ? `<h3>First examples</h3><div class="examples">${exKinds
        .map(
          ([k, list]) =>
            `<div><b>${esc(k)}</b> <span class="muted">(${v.anomalies[k] ?? list.length} in all)</span><ol>${list
              .slice(0, MAX_EXAMPLES_SHOWN)
              .map((ex) => `<li><code>${esc(compactJson(ex))}</code></li>`)
              .join('')}</ol></div>`,
        )
        .join('')}</div>`
    : '';
  return `<section class="card"><div class="card-head"><h2>Verdict</h2><span class="muted">checks compose as true &lt; unknown &lt; false</span></div>${anoms}${checks}${examples}${renderExpected(r)}</section>`;
}

export function renderReportHtml(report: ReportJson, events: readonly RunEvent[]): string {
  const title = `${report.scenario} — ${validityWord(report.verdict.valid)} — Chaos Lab report`;
  const footer = `Generated by Chaos Lab${report.labVersion ? ` ${esc(report.labVersion)}` : ''} from ${events.length} recorded events (run.jsonl). Times are seconds since the run started.`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_CSS}</style></head><body><main class="page">`,
    renderHeader(report),
    renderKpis(report),
    renderVerdict(report),
    renderCharts(report, events),
    renderTimeline(events),
    renderStores(report, events),
    renderTopologySection(report, events),
    `<footer>${footer}</footer>`,
    '</main></body></html>',
  ].join('\n');
}
