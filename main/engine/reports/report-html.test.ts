import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport } from './report-json';
import { renderReportHtml } from './report-html';
import { sampleRun } from './sample-run.fixture';

function sampleHtml(orderIds?: string[]) {
  const run = sampleRun({ orderIds });
  const report = buildReport(run.events, run.verdict, run.finalStores, {
    expected: { valid: false, anomalies: ['lost-write', 'read-your-writes', 'split-data'] },
  });
  return { html: renderReportHtml(report, run.events), report, run };
}

describe('renderReportHtml', () => {
  const { html, report } = sampleHtml();

  // Set SAMPLE_REPORT_OUT=/tmp/sample-report.html to look at the result in a browser.
  if (process.env.SAMPLE_REPORT_OUT) fs.writeFileSync(process.env.SAMPLE_REPORT_OUT, html);

  it('is one self-contained document: no script, no external address', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('draws the charts as inline SVG with a labelled band for the kill of order-2', () => {
    expect((html.match(/<svg class="chart"/g) ?? []).length).toBe(3);
    expect(html).toMatch(/<g class="band"><title>kill order-2<\/title><rect /);
    expect(html).toContain('>kill order-2</text>');
    // The band spans 2.0 s to 4.0 s on a 0..7 s axis of plot width 960-18-58 = 884 px.
    const x1 = 58 + (2000 / 7000) * 884;
    const x2 = 58 + (4000 / 7000) * 884;
    expect(html).toContain(`<rect x="${(Math.round(x1 * 10) / 10).toString()}"`);
    expect(html).toContain(`width="${(Math.round((x2 - x1) * 10) / 10).toString()}"`);
  });

  it('says when the stores converged after the last fault, and "no fault" for a run without one', () => {
    expect(html).toMatch(
      /<div class="k">converged<\/div><div class="v">[^<]+ <small>(after last fault|never)<\/small>/,
    );
    const quiet = { ...report, faults: [] };
    expect(renderReportHtml(quiet, [])).toContain(
      '<div class="k">converged</div><div class="v">— <small>no fault</small>',
    );
  });

  it('shows the verdict, the anomaly counts and first examples', () => {
    expect(report.verdict.valid).toBe(false);
    expect(html).toContain('<span class="value">Invalid</span>');
    expect(html).toMatch(/<span class="n">2<\/span><span>lost-write<\/span>/);
    expect(html).toContain('the run shows it.');
    expect(html).toContain('id: &quot;o2&quot;');
  });

  it('has a timeline with sources, the final stores and the topology', () => {
    expect(html).toContain('kill applied in 12 ms');
    expect(html).toContain('container die (exit 137)');
    expect(html).toMatch(/<span class="src src-lab">lab<\/span>/);
    expect(html).toContain('<svg class="topology"');
    expect(html).toContain('>round robin</text>');
    expect(html).toContain('<span class="id missing">o2</span>');
  });

  it('escapes every id, even one that looks like a script tag or a URL', () => {
    const evil = '<script>alert(1)</script>';
    const { html: h } = sampleHtml(['o1', evil, 'o3', 'http://evil.example/x', 'o5']);
    expect(h).not.toContain(evil);
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).not.toMatch(/<script/i);
    expect(h).not.toMatch(/https?:\/\//i);
  });
});
