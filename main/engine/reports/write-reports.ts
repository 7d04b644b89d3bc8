// Writes report.json and report.html for a run directory from its events.
import fs from 'node:fs';
import path from 'node:path';
import type { RunEvent, StoreSnapshot } from '../events';
import type { Verdict } from '../checks/verdict';
import { buildReport, type ReportJson, type BuildReportExtra } from './report-json';
import { renderReportHtml } from './report-html';

export type { ReportJson };

export function writeReports(
  dir: string,
  events: readonly RunEvent[],
  verdict: Verdict | null,
  finalStores: readonly StoreSnapshot[],
  extra: BuildReportExtra = {},
): ReportJson {
  const report = buildReport([...events], verdict, [...finalStores], extra);
  writeAtomic(path.join(dir, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeAtomic(path.join(dir, 'report.html'), renderReportHtml(report, [...events]));
  return report;
}

/** Write to a temporary file, then rename: a reader never sees half a report. */
export function writeAtomic(file: string, content: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
