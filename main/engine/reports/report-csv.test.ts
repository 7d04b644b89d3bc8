import { describe, expect, it } from 'vitest';
import { CSV_HEADER, renderCsv, renderJunit } from './report-csv';
import { buildReport } from './report-json';
import { sampleRun } from './sample-run.fixture';
import type { CheckResult } from '../checks/verdict';

function testcases(xml: string): { name: string; body: string }[] {
  const out: { name: string; body: string }[] = [];
  const re = /<testcase\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push({ name: m[1], body: m[2] ?? '' });
  return out;
}

describe('renderCsv', () => {
  const csv = renderCsv(sampleRun().events);
  const lines = csv.trimEnd().split('\n');

  it('is long format with a header, one value a line', () => {
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines.slice(1).every((l) => l.split(',').length === 4)).toBe(true);
  });

  it('holds every series: rows, divergence, ops by outcome, faults', () => {
    expect(lines).toContain('rows,order-2,1753,2');
    expect(lines).toContain('rows,order-2,2253,');
    expect(lines).toContain('divergence,order-2,4503,4');
    expect(lines).toContain('ops-info,,3000,1');
    expect(lines).toContain('fault:kill,order-2,2000,1');
    expect(lines).toContain('fault:kill,order-2,4000,0');
  });
});

describe('renderJunit', () => {
  const run = sampleRun();
  const report = buildReport(run.events, run.verdict, run.finalStores);

  it('has one testcase per check, a failure for each invalid one', () => {
    const xml = renderJunit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const cases = testcases(xml);
    expect(cases.map((c) => c.name)).toEqual(report.verdict.checks.map((c) => c.name));
    const invalid = report.verdict.checks.filter((c) => c.valid === false).map((c) => c.name);
    expect(invalid.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.body.includes('<failure')).map((c) => c.name)).toEqual(invalid);
    expect(xml).toMatch(
      new RegExp(`<testsuite [^>]*tests="${cases.length}" failures="${invalid.length}" errors="0"`),
    );
  });

  it('marks an unknown check as an error and escapes its text', () => {
    const unknown: CheckResult = {
      name: 'odd <name> & "q"',
      valid: 'unknown',
      summary: 'store said <nope> & quit',
      anomalies: {},
      examples: {},
    };
    const xml = renderJunit({ ...report, verdict: { ...report.verdict, checks: [unknown] } });
    const cases = testcases(xml);
    expect(cases).toHaveLength(1);
    expect(cases[0].name).toBe('odd &lt;name&gt; &amp; &quot;q&quot;');
    expect(cases[0].body).toContain('<error message="store said &lt;nope&gt; &amp; quit" type="unknown">');
    expect(xml).not.toContain('<nope>');
  });

  it('gives a run cut off before its checks one erroring testcase', () => {
    const aborted = buildReport(
      run.events.filter((e) => e.t < 3000 && e.type !== 'verdict'),
      null,
      null,
    );
    const cases = testcases(renderJunit(aborted));
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ name: 'run' });
    expect(cases[0].body).toContain('aborted');
  });
});
