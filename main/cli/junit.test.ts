// --junit: well-formed XML (parsed by a strict parser), one testcase per check, and an error
// case when the run ended aborted or could not start.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderJunit } from '../engine/reports/report-csv';
import { buildReport } from '../engine/reports/report-json';
import { sampleRun } from '../engine/reports/sample-run.fixture';
import { errorReport, prepareJunit, writeJunit } from './junit';
import { parseXml, elements } from './xml-lite.fixture';

describe('JUnit XML', () => {
  it('parses, and holds one testcase per check with failures and errors counted', () => {
    const run = sampleRun({ withEnd: true });
    const xml = renderJunit(buildReport(run.events, run.verdict, run.finalStores));
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    const [suite] = elements(root, 'testsuite');
    const cases = elements(suite, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(run.verdict.checks.map((c) => c.name));
    const failed = run.verdict.checks.filter((c) => c.valid === false).map((c) => c.name);
    expect(cases.filter((c) => elements(c, 'failure').length).map((c) => c.attrs.name)).toEqual(failed);
    expect(Number(suite.attrs.tests)).toBe(cases.length);
    expect(Number(suite.attrs.failures)).toBe(failed.length);
    expect(Number(root.attrs.failures)).toBe(failed.length);
    expect(elements(suite, 'property').find((p) => p.attrs.name === 'status')?.attrs.value).toBe('completed');
  });

  it('a run that could not start: one error case carrying the reason', () => {
    const root = parseXml(
      renderJunit(errorReport('split-stores', 'error', 'Docker engine not reachable <at> "x" & y')),
    );
    const cases = elements(root, 'testcase');
    expect(cases).toHaveLength(1);
    const [err] = elements(cases[0], 'error');
    expect(err.attrs).toMatchObject({ type: 'error', message: 'Docker engine not reachable <at> "x" & y' });
  });

  it('is written before the run (a killed lab leaves an error case) and replaced at the end', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'deep', 'j.xml');
    prepareJunit(file, 'split-stores');
    expect(elements(parseXml(fs.readFileSync(file, 'utf8')), 'error')[0].attrs.type).toBe('aborted');
    const run = sampleRun({ withEnd: true });
    writeJunit(file, buildReport(run.events, run.verdict, run.finalStores));
    expect(elements(parseXml(fs.readFileSync(file, 'utf8')), 'testcase')).toHaveLength(
      run.verdict.checks.length,
    );
  });

  it('an unwritable place is a clear error before anything runs', () => {
    const aFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'junit-')), 'a-file');
    fs.writeFileSync(aFile, '');
    const inside = path.join(aFile, 'sub', 'j.xml'); // under a file: ENOTDIR, even as root
    expect(() => prepareJunit(inside, 'x')).toThrow(
      /--junit .*a-file\/sub\/j\.xml: cannot write there \(ENOTDIR/,
    );
  });

  it('the strict parser rejects what is not well-formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a x=1/>',
      '<a>&nope;</a>',
      '<a>1 < 2</a>',
      '<a/><b/>',
      '<a x="1" x="2"/>',
      '<a>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});
