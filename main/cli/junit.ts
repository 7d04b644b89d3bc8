// --junit FILE: JUnit XML for CI, one testcase per check. The file is written in every case:
// a placeholder as the run starts (so a killed lab still leaves an error case), the real
// result when it ends (aborted or error runs get an error case), and an error case when the
// run could not start at all.
import fs from 'node:fs';
import path from 'node:path';
import type { RunEvent } from '../engine/events';
import { buildReport, type ReportJson } from '../engine/reports/report-json';
import { renderJunit } from '../engine/reports/report-csv';
import { writeAtomic } from '../engine/reports/write-reports';
import { LAB_VERSION } from '../engine/runner';
import { LabError } from '../engine/errors';

/** Creates the directory and checks the file can be written, before anything runs. */
export function prepareJunit(file: string, scenario: string): void {
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeAtomic(
      file,
      renderJunit(
        errorReport(scenario, 'aborted', 'the run started but did not finish (the lab was killed?)'),
      ),
    );
  } catch (e) {
    throw new LabError(
      'OUTPUT_NOT_WRITABLE',
      `--junit ${file}: cannot write there (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

export function writeJunit(file: string, report: ReportJson): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeAtomic(file, renderJunit(report));
}

/** A report for a run that has no log of its own: one error testcase "run". */
export function errorReport(scenario: string, status: 'aborted' | 'error', error: string): ReportJson {
  const now = new Date().toISOString();
  const events: RunEvent[] = [
    { type: 'meta', t: 0, runId: '', scenario, params: {}, startedAt: now, seed: 0, labVersion: LAB_VERSION },
    { type: 'end', t: 0, status, endedAt: now, error },
  ];
  const r = buildReport(events, null, null);
  return { ...r, runId: null };
}
