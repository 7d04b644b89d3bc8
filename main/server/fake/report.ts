// Exports of a FAKE run (JSON, CSV, HTML, PDF), so the UI's export buttons can be tested
// without the real report writers. Shapes follow DESIGN.md's run outputs; content is plain.
import type { ExportFormat } from '../../contract/channels';
import type { RunEvent } from '../../engine/events';
import type { Verdict } from '../../engine/checks/verdict';

export interface FakeExport {
  fileName: string;
  mime: string;
  base64: string;
}

export function fakeReport(events: readonly RunEvent[]): Record<string, unknown> {
  const meta = events.find((e) => e.type === 'meta');
  const end = events.find((e) => e.type === 'end');
  const verdict =
    events.find((e): e is Extract<RunEvent, { type: 'verdict' }> => e.type === 'verdict')?.verdict ?? null;
  const snapshot = [...events]
    .reverse()
    .find((e): e is Extract<RunEvent, { type: 'snapshot' }> => e.type === 'snapshot');
  const ops = { invoked: 0, ok: 0, fail: 0, info: 0 };
  for (const e of events) if (e.type === 'op') ops[e.op.type === 'invoke' ? 'invoked' : e.op.type]++;
  const faults = events.flatMap((e) =>
    e.type === 'fault' && e.state === 'applied'
      ? [{ kind: e.request.kind, target: e.request.target, at: e.t, until: null, source: e.source }]
      : [],
  );
  return {
    scenario: meta?.type === 'meta' ? meta.scenario : 'unknown',
    params: meta?.type === 'meta' ? meta.params : {},
    startedAt: meta?.type === 'meta' ? meta.startedAt : null,
    endedAt: end?.type === 'end' ? end.endedAt : null,
    status: end?.type === 'end' ? end.status : 'running',
    verdict: verdict
      ? { valid: verdict.valid, anomalies: verdict.anomalies, examples: verdict.examples }
      : { valid: 'unknown', anomalies: {}, examples: {} },
    stores: snapshot?.stores.map((s) => ({ name: s.name, rows: s.rows, ids: s.ids })) ?? [],
    ops,
    faults,
    convergence: { afterLastFaultMs: null },
    generator: 'fake-lab',
  };
}

export function fakeExport(runId: string, events: readonly RunEvent[], format: ExportFormat): FakeExport {
  const report = fakeReport(events);
  const base = `chaoslab-${runId}`;
  switch (format) {
    case 'json':
      return text(`${base}.json`, 'application/json', JSON.stringify(report, null, 2));
    case 'csv':
      return text(`${base}.csv`, 'text/csv', csv(events));
    case 'html':
      return text(`${base}.html`, 'text/html', html(runId, report, events));
    case 'pdf':
      return {
        fileName: `${base}.pdf`,
        mime: 'application/pdf',
        base64: pdf(pdfLines(runId, report)).toString('base64'),
      };
  }
}

function text(fileName: string, mime: string, body: string): FakeExport {
  return { fileName, mime, base64: Buffer.from(body, 'utf8').toString('base64') };
}

function csv(events: readonly RunEvent[]): string {
  const rows = ['t_ms,series,value'];
  for (const e of events) {
    if (e.type === 'sample') rows.push(`${e.t},rows:${e.store},${e.rows ?? ''}`);
    if (e.type === 'op' && e.op.type !== 'invoke') rows.push(`${e.t},op_${e.op.type}:${e.op.f},1`);
  }
  return rows.join('\n') + '\n';
}

function html(runId: string, report: Record<string, unknown>, events: readonly RunEvent[]): string {
  const verdict = report.verdict as Pick<Verdict, 'valid' | 'anomalies'>;
  const samples = events.filter((e): e is Extract<RunEvent, { type: 'sample' }> => e.type === 'sample');
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const yMax = Math.max(1, ...samples.map((s) => s.rows ?? 0));
  const stores = [...new Set(samples.map((s) => s.store))];
  const colors = ['#4f8cff', '#f5a524', '#17c964', '#f31260'];
  const paths = stores.map((store, i) => {
    const d = samples
      .filter((s) => s.store === store && s.rows !== null)
      .map(
        (s, j) =>
          `${j ? 'L' : 'M'}${((s.t / tMax) * 760 + 20).toFixed(1)},${(200 - ((s.rows ?? 0) / yMax) * 180).toFixed(1)}`,
      )
      .join('');
    return `<path d="${d}" fill="none" stroke="${colors[i % colors.length]}" stroke-width="1.5"/>`;
  });
  const anomalies = Object.entries(verdict.anomalies)
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td>${v}</td></tr>`)
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Chaos Lab report ${esc(runId)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#1b1f27}table{border-collapse:collapse}td{border:1px solid #ccd;padding:4px 8px}</style></head>
<body><h1>Chaos Lab report (fake lab)</h1><p>Run <b>${esc(runId)}</b>, scenario <b>${esc(String(report.scenario))}</b>, status ${esc(String(report.status))}</p>
<h2>Verdict: ${esc(String(verdict.valid))}</h2><table>${anomalies}</table>
<h2>Rows per store</h2><svg xmlns="http://www.w3.org/2000/svg" width="800" height="220" viewBox="0 0 800 220">${paths.join('')}</svg>
</body></html>
`;
}

function pdfLines(runId: string, report: Record<string, unknown>): string[] {
  const verdict = report.verdict as Pick<Verdict, 'valid' | 'anomalies'>;
  const ops = report.ops as Record<string, number>;
  return [
    'Chaos Lab report (fake lab)',
    `Run ${runId}   scenario ${String(report.scenario)}   status ${String(report.status)}`,
    `Verdict: ${String(verdict.valid)}`,
    ...Object.entries(verdict.anomalies).map(([k, v]) => `  ${k}: ${v}`),
    `Ops: invoked ${ops.invoked}, ok ${ops.ok}, fail ${ops.fail}, info ${ops.info}`,
  ];
}

/** A minimal one-page PDF with lines of ASCII text (Helvetica). */
export function pdf(lines: string[]): Buffer {
  const content = [
    'BT',
    '/F1 12 Tf',
    '50 790 Td',
    '16 TL',
    ...lines.map((l) => `(${pdfString(l)}) '`),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function pdfString(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
