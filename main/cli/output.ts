// How the CLI talks: progress on stderr (silenced by --quiet, JSON lines with --json),
// results on stdout.
import type { RunEvent } from '../engine/events';

export interface Output {
  progress(line: string): void;
  event(e: RunEvent): void;
  result(text: string): void;
  error(text: string): void;
}

export function makeOutput(opts: { quiet?: boolean; json?: boolean }): Output {
  const t0 = Date.now();
  const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`;
  return {
    progress(line) {
      if (opts.quiet) return;
      if (opts.json) process.stderr.write(JSON.stringify({ type: 'progress', message: line }) + '\n');
      else process.stderr.write(`${stamp()} ${line}\n`);
    },
    event(e) {
      if (opts.quiet) return;
      if (opts.json) {
        if (e.type !== 'sample') process.stdout.write(JSON.stringify(e) + '\n');
        return;
      }
      const line = describeEvent(e);
      if (line) process.stderr.write(`${stamp()} ${line}\n`);
    },
    result(text) {
      if (!opts.json) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
    error(text) {
      if (opts.json) process.stdout.write(JSON.stringify({ type: 'error', message: text }) + '\n');
      else process.stderr.write(`chaoslab: ${text}\n`);
    },
  };
}

export function describeEvent(e: RunEvent): string | null {
  switch (e.type) {
    case 'phase':
      return `phase ${e.phase}${e.detail ? ` (${e.detail})` : ''}`;
    case 'fault':
      if (e.state === 'requested') return null;
      return `fault ${e.request.kind} ${e.request.target}${e.request.peer ? ` from ${e.request.peer}` : ''} by ${e.source}: ${e.state}${e.tookMs !== undefined ? ` in ${e.tookMs} ms` : ''}${e.error ? ` (${e.error})` : ''}`;
    case 'log':
      return e.level === 'info' ? e.message : `${e.level}: ${e.message}`;
    case 'verdict':
      return `verdict: ${e.verdict.valid === true ? 'VALID' : e.verdict.valid === false ? 'INVALID' : 'UNKNOWN'} ${JSON.stringify(e.verdict.anomalies)}`;
    case 'end':
      return `run ${e.status}${e.error ? `: ${e.error.split('\n')[0]}` : ''}`;
    default:
      return null;
  }
}
