// Stored runs on disk: each run is a directory holding run.jsonl (and its reports).
import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../contract/channels';
import type { RunEvent } from './events';
import { readRunLog } from './run-store';

export function summarize(dir: string, events: readonly RunEvent[]): RunSummary | null {
  const meta = events.find((e) => e.type === 'meta');
  if (!meta || meta.type !== 'meta') return null;
  const end = events.find((e) => e.type === 'end');
  const verdict = events.find((e) => e.type === 'verdict');
  return {
    runId: meta.runId,
    scenario: meta.scenario,
    params: meta.params as RunSummary['params'],
    startedAt: meta.startedAt,
    endedAt: end?.type === 'end' ? end.endedAt : undefined,
    status: end?.type === 'end' ? end.status : 'running',
    valid: verdict?.type === 'verdict' ? verdict.verdict.valid : undefined,
    dir,
  };
}

export function listRunDirs(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, d.name, 'run.jsonl')))
    .map((d) => path.join(root, d.name));
}

export function listRuns(root: string): RunSummary[] {
  const out: RunSummary[] = [];
  for (const dir of listRunDirs(root)) {
    try {
      const s = summarize(dir, readRunLog(dir).events);
      if (s) out.push(s);
    } catch {
      // an unreadable run is skipped, never fatal
    }
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
