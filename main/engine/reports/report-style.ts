// The report's stylesheet, inlined into report.html. System fonts only (no web fonts),
// colours that survive printing, and page breaks that keep a card together.

export const FAULT_COLORS: Record<string, string> = {
  kill: '#dc2626',
  stop: '#ea580c',
  point: '#be123c',
  pause: '#7c3aed',
  partition: '#0284c7',
  latency: '#0d9488',
  bandwidth: '#0369a1',
  timeout: '#0f766e',
  reset: '#be185d',
  restart: '#64748b',
};

export const SERIES_COLORS = [
  '#2563eb',
  '#d97706',
  '#059669',
  '#9333ea',
  '#db2777',
  '#0891b2',
  '#4d7c0f',
  '#475569',
];

export const OUTCOME_COLORS: Record<string, string> = { ok: '#16a34a', fail: '#dc2626', info: '#d97706' };

export function faultColor(kind: string): string {
  return FAULT_COLORS[kind] ?? '#64748b';
}

export const REPORT_CSS = `
:root{--ink:#0f172a;--ink2:#334155;--muted:#64748b;--line:#e2e8f0;--bg:#f1f5f9;--card:#fff;
--ok:#15803d;--ok-bg:#dcfce7;--bad:#b91c1c;--bad-bg:#fee2e2;--unk:#a16207;--unk-bg:#fef3c7;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:var(--bg);color:var(--ink);
font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Noto Sans KR",sans-serif}
.page{max-width:1060px;margin:0 auto;padding:28px 28px 40px}
h1,h2,h3{margin:0;line-height:1.25;font-weight:650;letter-spacing:-0.01em}
h1{font-size:28px}
h2{font-size:17px;margin-bottom:4px}
h3{font-size:14px;margin:14px 0 6px}
p{margin:6px 0}
code,.mono{font-family:var(--mono);font-size:12.5px}
.muted{color:var(--muted)}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:16px 0;
box-shadow:0 1px 2px rgba(15,23,42,.04)}
.card-head{display:flex;justify-content:space-between;align-items:baseline;gap:12px;margin-bottom:10px}
.card-head .muted{font-size:12.5px}
.hero{padding:24px 26px}
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:11.5px;font-weight:650;color:var(--muted)}
.hero-row{display:flex;justify-content:space-between;align-items:flex-start;gap:20px;margin-top:4px}
.sub{color:var(--ink2);margin-top:6px;font-size:13px}
.sub span+span:before{content:"·";margin:0 8px;color:#94a3b8}
.badge{display:inline-flex;flex-direction:column;align-items:center;justify-content:center;min-width:150px;
padding:10px 18px;border-radius:10px;border:1.5px solid}
.badge .label{font-size:11px;text-transform:uppercase;letter-spacing:.08em;font-weight:650;opacity:.8}
.badge .value{font-size:24px;font-weight:750;letter-spacing:.02em}
.v-valid{color:var(--ok);background:var(--ok-bg);border-color:#86efac}
.v-invalid{color:var(--bad);background:var(--bad-bg);border-color:#fca5a5}
.v-unknown{color:var(--unk);background:var(--unk-bg);border-color:#fcd34d}
.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid var(--line);
background:#f8fafc;color:var(--ink2);white-space:nowrap}

.pill.v-valid{color:var(--ok);background:var(--ok-bg);border-color:#bbf7d0}
.pill.v-invalid{color:var(--bad);background:var(--bad-bg);border-color:#fecaca}
.pill.v-unknown{color:var(--unk);background:var(--unk-bg);border-color:#fde68a}
.pill.s-completed{color:var(--ok);background:var(--ok-bg);border-color:#bbf7d0}
.pill.s-aborted{color:var(--unk);background:var(--unk-bg);border-color:#fde68a}
.pill.s-error{color:var(--bad);background:var(--bad-bg);border-color:#fecaca}
.params{display:flex;flex-wrap:wrap;gap:6px;margin-top:14px}
.param{font-family:var(--mono);font-size:12px;background:#f8fafc;border:1px solid var(--line);border-radius:6px;padding:2px 8px}
.param b{font-weight:600;color:var(--ink2)}
.alert{border-left:4px solid var(--bad);background:var(--bad-bg);padding:10px 14px;border-radius:6px;margin-top:14px;
white-space:pre-wrap;font-size:13px}
.note{border-left:4px solid #94a3b8;background:#f8fafc;padding:8px 14px;border-radius:6px;margin-top:12px;font-size:13px}
.kpis{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin:16px 0}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px}
.kpi .k{font-size:11.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em;font-weight:600}
.kpi .v{font-size:22px;font-weight:700;font-variant-numeric:tabular-nums;margin-top:2px}
.kpi .v small{font-size:12px;font-weight:500;color:var(--muted)}
.anoms{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0 14px}
.anom{display:flex;align-items:center;gap:8px;border:1px solid var(--line);border-radius:8px;padding:5px 10px;font-size:13px}
.anom .n{font-weight:750;font-variant-numeric:tabular-nums}
.anom.hit{border-color:#fca5a5;background:var(--bad-bg);color:var(--bad)}
.anom.zero{color:var(--muted)}
table{width:100%;border-collapse:collapse;font-size:13px}
th{text-align:left;font-weight:600;color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.05em;
border-bottom:1.5px solid var(--line);padding:6px 10px 6px 0}
td{border-bottom:1px solid #eef2f7;padding:7px 10px 7px 0;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.time{font-family:var(--mono);font-size:12px;white-space:nowrap;color:var(--ink2)}
tr.kind-fault td.what{font-weight:600}
.dot{display:inline-block;width:9px;height:9px;border-radius:2px;margin-right:7px;vertical-align:0}
.src{font-size:11.5px;font-weight:600;padding:0 7px;border-radius:999px;border:1px solid var(--line);color:var(--ink2)}
.src-user{background:#eff6ff;border-color:#bfdbfe;color:#1d4ed8}
.src-external{background:#fff7ed;border-color:#fed7aa;color:#c2410c}
.examples{display:grid;gap:10px}
.examples ol{margin:0;padding-left:20px}
.examples li{margin:3px 0;word-break:break-word}
.examples li code{background:#f8fafc;border:1px solid #eef2f7;border-radius:4px;padding:1px 5px}
.ids{display:flex;flex-wrap:wrap;gap:4px}
.id{font-family:var(--mono);font-size:11.5px;background:#f1f5f9;border:1px solid #e2e8f0;border-radius:4px;padding:0 5px}
.id.missing{background:var(--bad-bg);border-color:#fecaca;color:var(--bad)}
.id.dup{background:var(--unk-bg);border-color:#fde68a;color:var(--unk)}
svg{display:block;max-width:100%;height:auto}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
.chart{margin-top:6px}
.chart .grid{stroke:#eef2f7;stroke-width:1}
.chart .grid-x{stroke:#f3f6fa}
.chart .axis{stroke:#94a3b8;stroke-width:1}
.chart .tick{font-size:11px;fill:#64748b;font-variant-numeric:tabular-nums}
.chart .legend{font-size:12px;fill:#334155}
.chart .axis-title{font-size:11.5px;fill:#64748b}
.chart .band-label{font-size:11px;font-weight:650}
.chart .empty{font-size:13px;fill:#94a3b8}
.chart-caption{font-size:12.5px;color:var(--muted);margin:2px 0 0}
.chart-block+.chart-block{margin-top:18px;padding-top:14px;border-top:1px dashed var(--line)}
.topology .link{fill:none;stroke:#94a3b8;stroke-width:1.6}
.topology .link-label{font-size:11px;fill:#64748b;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}
.topology .node rect{fill:#f8fafc;stroke:#94a3b8;stroke-width:1.2}
.topology .node-faulted rect{fill:#fef2f2;stroke:#f87171}
.topology .node-external rect{fill:#fff;stroke-dasharray:5 4}
.topology .node-name{font-size:13.5px;font-weight:650;fill:#0f172a}
.topology .node-sub{font-size:11.5px;fill:#64748b}
.topology .node-img{font-size:11px;fill:#94a3b8;font-family:var(--mono)}
.topology .node-note{font-size:10.5px;font-weight:650;fill:#b91c1c}
footer{color:var(--muted);font-size:12px;margin-top:22px;text-align:center}
@media (max-width:800px){.kpis{grid-template-columns:repeat(3,1fr)}.hero-row{flex-direction:column}}
@media print{
body{background:#fff;font-size:12px}
.page{max-width:none;padding:0}
.card{box-shadow:none;border-color:#cbd5e1;break-inside:avoid;page-break-inside:avoid}
.card.allow-break{break-inside:auto;page-break-inside:auto}
tr{break-inside:avoid}
h2{break-after:avoid}
@page{size:A4;margin:12mm}
}
`;
