// How the CLI talks.
//   text (default): progress on stderr, results on stdout.
//   --quiet:        nothing but the final result lines (errors still on stderr).
//   --json:         one JSON object per line on stdout (progress, run events, then the
//                   result as the last line); nothing else is written to stdout.
import type { RunEvent } from '../engine/events';
import type { ImageProgress } from '../contract/channels';

export interface Output {
  readonly json: boolean;
  readonly quiet: boolean;
  progress(line: string): void;
  event(e: RunEvent): void;
  /** An image's build progress: a line when its state or build step changes. */
  image(p: ImageProgress): void;
  /** Human-readable result lines (text mode); in JSON mode a {type:"result", text} line. */
  result(text: string): void;
  /** One JSON object on its own line (JSON mode only; ignored in text mode). */
  data(obj: Record<string, unknown>): void;
  error(text: string): void;
}

export function makeOutput(
  opts: { quiet?: boolean; json?: boolean },
  streams = { out: process.stdout, err: process.stderr },
): Output {
  const t0 = Date.now();
  const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`;
  const json = !!opts.json;
  const quiet = !!opts.quiet;
  const line = (obj: Record<string, unknown>) => streams.out.write(JSON.stringify(obj) + '\n');
  const lastImage = new Map<string, string>();
  return {
    json,
    quiet,
    progress(text) {
      if (quiet) return;
      if (json) line({ type: 'progress', message: text });
      else streams.err.write(`${stamp()} ${text}\n`);
    },
    event(e) {
      if (quiet) return;
      if (json) {
        if (e.type !== 'sample') line(e as unknown as Record<string, unknown>);
        return;
      }
      const text = describeEvent(e);
      if (text) streams.err.write(`${stamp()} ${text}\n`);
    },
    image(p) {
      if (quiet) return;
      // A prepare script prints many lines (Maven's): one line per state, then per build step.
      const key = `${p.state}|${p.state === 'building' ? (p.step ?? '') : ''}`;
      if (lastImage.get(p.name) === key) return;
      lastImage.set(p.name, key);
      if (json) line({ type: 'image', ...p });
      else streams.err.write(`${stamp()} ${describeImage(p)}\n`);
    },
    result(text) {
      if (json) line({ type: 'result', text });
      else streams.out.write(text.endsWith('\n') ? text : text + '\n');
    },
    data(obj) {
      if (json) line(obj);
    },
    error(text) {
      streams.err.write(`chaoslab: ${text}\n`);
    },
  };
}

export function describeImage(p: ImageProgress): string {
  const what =
    p.state === 'building' && p.step ? `building (${Math.round(p.progress * 100)}%): ${p.step}` : p.state;
  return `image ${p.name}: ${what}${p.error ? ` (${p.error})` : ''}`;
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
