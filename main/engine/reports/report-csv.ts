// Machine-readable exports: every time series as long-format CSV (series,store,t,value),
// and the verdict as JUnit XML (one testcase per check) for CI.
import type { RunEvent } from '../events';
import type { ReportJson } from './report-json';
import { divergenceByStore, faultIntervals, gaugeSeries, rowsSeries, throughputSeries } from './series';
import { faultLabel } from './fault-intervals';

export const CSV_HEADER = 'series,store,t,value';

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function line(series: string, store: string, t: number, value: number | null): string {
  return [csvField(series), csvField(store), csvField(t), csvField(value)].join(',');
}

/**
 * Every series at full resolution. `rows` and `divergence` are per store of rows;
 * `gauge:<unit>` (or `gauge`) per gauge (WAL held, consumer lag, a DLQ's depth); `ops-ok`,
 * `ops-fail`, `ops-info` are per second (store empty); `fault:<kind>` is 1 from the fault
 * to its heal and 0 after (store = target). An empty value means not measured.
 */
export function renderCsv(events: readonly RunEvent[]): string {
  const out = [CSV_HEADER];
  for (const s of rowsSeries(events)) for (const p of s.points) out.push(line('rows', s.name, p.t, p.v));
  for (const s of divergenceByStore(events))
    for (const p of s.points) out.push(line('divergence', s.name, p.t, p.v));
  for (const s of gaugeSeries(events)) {
    const series = s.unit ? `gauge:${s.unit}` : 'gauge';
    for (const p of s.points) out.push(line(series, s.name, p.t, p.v));
  }
  for (const s of throughputSeries(events))
    for (const p of s.points) out.push(line(`ops-${s.name}`, '', p.t, p.v));
  for (const f of faultIntervals(events)) {
    const target = f.peer ? `${f.target}/${f.peer}` : f.target;
    out.push(line(`fault:${f.kind}`, target, f.from, 1));
    if (f.to !== null) out.push(line(`fault:${f.kind}`, target, f.to, 0));
  }
  return out.join('\n') + '\n';
}

export function escapeXml(v: unknown): string {
  return (
    String(v)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 cannot carry at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
  );
}

/**
 * JUnit XML: one testcase per check; a <failure> when the check is invalid, an <error> when
 * its outcome is unknown (not skipped: CI must not read "could not tell" as a pass). A run
 * with no check at all (cut off early) gets one testcase "run" with an error.
 */
export function renderJunit(report: ReportJson): string {
  const suite = `chaoslab.${report.scenario}`;
  const checks = report.verdict.checks;
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  for (const c of checks) {
    const head = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}" time="0">`;
    if (c.valid === true) {
      cases.push(`    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}" time="0"/>`);
      continue;
    }
    const body = JSON.stringify({ anomalies: c.anomalies, examples: c.examples }, null, 2);
    if (c.valid === false) {
      failures++;
      cases.push(
        `${head}\n      <failure message="${escapeXml(c.summary)}" type="invalid">${escapeXml(body)}</failure>\n    </testcase>`,
      );
    } else {
      errors++;
      cases.push(
        `${head}\n      <error message="${escapeXml(c.summary)}" type="unknown">${escapeXml(c.summary)}</error>\n    </testcase>`,
      );
    }
  }
  if (checks.length === 0) {
    errors++;
    const why =
      report.error ??
      `the run ${report.status === 'completed' ? 'recorded no check' : `was ${report.status} before its checks ran`}`;
    cases.push(
      `    <testcase classname="${escapeXml(suite)}" name="run" time="0">\n      <error message="${escapeXml(why)}" type="${escapeXml(report.status)}">${escapeXml(why)}</error>\n    </testcase>`,
    );
  }
  const faults = report.faults.map((f) => `${faultLabel(f)} at ${f.at} ms`).join('; ');
  const props = [
    ['runId', report.runId ?? ''],
    ['status', report.status],
    ['valid', String(report.verdict.valid)],
    ['params', JSON.stringify(report.params)],
    ['faults', faults],
  ]
    .map(([k, v]) => `      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`)
    .join('\n');
  const time = (report.durationMs / 1000).toFixed(3);
  const tests = cases.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="chaoslab" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${time}"${report.startedAt ? ` timestamp="${escapeXml(report.startedAt)}"` : ''}>`,
    `    <properties>\n${props}\n    </properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
