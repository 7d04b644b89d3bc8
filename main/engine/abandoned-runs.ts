// A run whose lab process died leaves a run.jsonl with no 'end'. At the next start such runs
// are closed as aborted (their containers were reaped by label) and their reports rendered.
import fs from 'node:fs';
import path from 'node:path';
import type { RunEvent } from './events';
import { readRunLog } from './run-store';
import { listRunDirs } from './run-index';
import { ownerAlive } from './docker/reaper';
import { OWNER_HOST_LABEL, OWNER_PID_LABEL, OWNER_STARTED_LABEL } from './docker/labels';
import { writeReports } from './reports/write-reports';

export function isAbandoned(events: readonly RunEvent[], reapedRuns: ReadonlySet<string>): boolean {
  const meta = events.find((e) => e.type === 'meta');
  if (!meta || meta.type !== 'meta') return false;
  if (events.some((e) => e.type === 'end')) return false;
  if (reapedRuns.has(meta.runId)) return true;
  if (!meta.owner) return false;
  return !ownerAlive({
    [OWNER_PID_LABEL]: String(meta.owner.pid),
    [OWNER_HOST_LABEL]: meta.owner.host,
    [OWNER_STARTED_LABEL]: String(meta.owner.started),
  });
}

/** Appends an aborted 'end' to abandoned runs and renders their reports. Returns their dirs. */
export function markAbandonedRuns(runsDir: string, reapedRuns: ReadonlySet<string>): string[] {
  const marked: string[] = [];
  for (const dir of listRunDirs(runsDir)) {
    try {
      marked.push(...(markIfAbandoned(dir, reapedRuns) ? [dir] : []));
    } catch {
      // unreadable or unwritable: leave it as it is
    }
  }
  return marked;
}

export function markIfAbandoned(dir: string, reapedRuns: ReadonlySet<string> = new Set()): boolean {
  const { events } = readRunLog(dir);
  if (!isAbandoned(events, reapedRuns)) return false;
  const last = events.reduce((m, e) => Math.max(m, e.t), 0);
  const end: RunEvent = {
    type: 'end',
    t: last,
    status: 'aborted',
    endedAt: new Date().toISOString(),
    error: 'the lab process running it died; its containers were removed at the next start',
  };
  const file = path.join(dir, 'run.jsonl');
  const text = fs.readFileSync(file, 'utf8');
  fs.appendFileSync(
    file,
    (text.endsWith('\n') || text.length === 0 ? '' : '\n') + JSON.stringify(end) + '\n',
  );
  writeReports(dir, [...events, end], null, []);
  return true;
}
