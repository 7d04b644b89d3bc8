// Exports of a stored run: the HTML report, report.json, CSV of every series, PDF.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { ExportFormat } from '../../contract/channels';
import { LabError } from '../errors';
import { readRunLog } from '../run-store';
import { renderCsv } from './report-csv';
import { rerenderReport } from './rerender';

export interface ExportedFile {
  fileName: string;
  mime: string;
  base64: string;
}

export function chromiumPath(): string | null {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  return candidates.find((c): c is string => !!c && fs.existsSync(c)) ?? null;
}

export function htmlToPdf(htmlFile: string, pdfFile: string): void {
  const chromium = chromiumPath();
  if (!chromium)
    throw new LabError(
      'INTERNAL',
      'PDF export needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)',
    );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-pdf-'));
  try {
    const r = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--no-pdf-header-footer',
        `--user-data-dir=${profile}`,
        `--print-to-pdf=${pdfFile}`,
        `file://${path.resolve(htmlFile)}`,
      ],
      { timeout: 60_000, encoding: 'utf8' },
    );
    if (!fs.existsSync(pdfFile))
      throw new LabError(
        'INTERNAL',
        `Chromium did not write the PDF (exit ${r.status}): ${(r.stderr ?? '').slice(-300)}`,
      );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

export function exportRun(dir: string, format: ExportFormat): ExportedFile {
  const base = path.basename(dir);
  const htmlFile = path.join(dir, 'report.html');
  if (!fs.existsSync(htmlFile) || !fs.existsSync(path.join(dir, 'report.json'))) rerenderReport(dir);
  switch (format) {
    case 'html':
      return {
        fileName: `${base}.html`,
        mime: 'text/html',
        base64: fs.readFileSync(htmlFile).toString('base64'),
      };
    case 'json':
      return {
        fileName: `${base}.json`,
        mime: 'application/json',
        base64: fs.readFileSync(path.join(dir, 'report.json')).toString('base64'),
      };
    case 'csv': {
      const { events } = readRunLog(dir);
      return {
        fileName: `${base}.csv`,
        mime: 'text/csv',
        base64: Buffer.from(renderCsv(events)).toString('base64'),
      };
    }
    case 'pdf': {
      const pdf = path.join(dir, 'report.pdf');
      htmlToPdf(htmlFile, pdf);
      return {
        fileName: `${base}.pdf`,
        mime: 'application/pdf',
        base64: fs.readFileSync(pdf).toString('base64'),
      };
    }
    default:
      throw new LabError('BAD_REQUEST', `unknown export format '${String(format)}': html | json | csv | pdf`);
  }
}
