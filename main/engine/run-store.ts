// The append-only run log: one JSON object a line in DIR/run.jsonl, each line written with a
// synchronous write as the run goes, so a process killed at any moment (even SIGKILL)
// leaves a readable prefix. Reading back tolerates a cut-off last line.
import fs from 'node:fs';
import path from 'node:path';
import type { RunEvent } from './events';
import { LabError } from './errors';

export const RUN_LOG_FILE = 'run.jsonl';

export interface RunStore {
  readonly dir: string;
  /** Absolute path of run.jsonl. */
  readonly file: string;
  /** Writes one event as one line before returning. Throws OUTPUT_NOT_WRITABLE on failure. */
  append(event: RunEvent): void;
  /** Closes the file; later appends throw. Safe to call twice. */
  close(): void;
}

export interface RunLog {
  events: RunEvent[];
  /** True when the last line was cut off (the writer was killed mid-line). */
  truncated: boolean;
  /** Complete lines that were not a run event (corrupt or foreign); skipped, not fatal. */
  skippedLines: number;
}

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function notWritable(where: string, e: unknown): LabError {
  return new LabError(
    'OUTPUT_NOT_WRITABLE',
    `Cannot write the run log in ${where}: ${reason(e)}. ` +
      `Choose a writable directory with --out DIR, or fix the permissions of ${where}.`,
  );
}

export function createRunStore(dir: string): RunStore {
  const abs = path.resolve(dir);
  const file = path.join(abs, RUN_LOG_FILE);
  let fd: number | null;
  try {
    fs.mkdirSync(abs, { recursive: true });
  } catch (e) {
    throw notWritable(abs, e);
  }
  let existing = 0;
  try {
    existing = fs.statSync(file).size;
  } catch {
    // no log yet: the normal case
  }
  if (existing > 0) {
    throw new LabError(
      'OUTPUT_NOT_WRITABLE',
      `${file} already holds a run log; a run never appends to another run's log. ` +
        `Choose a new directory with --out DIR, or remove ${abs} first.`,
    );
  }
  try {
    fd = fs.openSync(file, 'a');
  } catch (e) {
    throw notWritable(abs, e);
  }

  return {
    dir: abs,
    file,
    append(event: RunEvent): void {
      if (fd === null)
        throw new LabError(
          'OUTPUT_NOT_WRITABLE',
          `the run log ${file} is closed; nothing more can be appended`,
        );
      const line = Buffer.from(JSON.stringify(event) + '\n', 'utf8');
      try {
        let off = 0;
        while (off < line.length) off += fs.writeSync(fd, line, off, line.length - off);
      } catch (e) {
        throw notWritable(abs, e);
      }
    },
    close(): void {
      if (fd === null) return;
      const f = fd;
      fd = null;
      try {
        fs.fsyncSync(f);
      } catch {
        // fsync is best effort (not every file system supports it)
      }
      fs.closeSync(f);
    },
  };
}

function isRunEvent(v: unknown): v is RunEvent {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { type?: unknown; t?: unknown };
  return typeof o.type === 'string' && typeof o.t === 'number';
}

/** Parses run.jsonl text. Pure. */
export function parseRunLog(text: string): RunLog {
  const lines = text.split('\n');
  // Text that ends with a newline leaves an empty last element; otherwise the last line may be cut.
  const last = lines.pop() ?? '';
  const events: RunEvent[] = [];
  let skippedLines = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRunEvent(v)) events.push(v);
      else skippedLines++;
    } catch {
      skippedLines++;
    }
  }
  let truncated = false;
  if (last.trim() !== '') {
    // A last line without its newline is complete only if it parses as an event.
    try {
      const v: unknown = JSON.parse(last);
      if (isRunEvent(v)) events.push(v);
      else truncated = true;
    } catch {
      truncated = true;
    }
  }
  return { events, truncated, skippedLines };
}

/** Reads a run log from a run directory or from the run.jsonl file itself. */
export function readRunLog(dirOrFile: string): RunLog {
  let file = path.resolve(dirOrFile);
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, RUN_LOG_FILE);
  } catch {
    throw new LabError('RUN_NOT_FOUND', `No run at ${file}: the path does not exist.`);
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new LabError('RUN_NOT_FOUND', `No run log at ${file}: ${reason(e)}.`);
  }
  return parseRunLog(text);
}
