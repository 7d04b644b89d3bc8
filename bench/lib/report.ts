// How a bench prints: one line per measurement with the load average beside it, a JSON
// record of everything in bench/results/<name>.json, and the ratio as the LAST line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, machine, fmtRatio } from './stats';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const ROOT = path.dirname(BENCH_DIR);

export function line(text: string): void {
  process.stdout.write(`${text}  [load ${load()}]\n`);
}

export function note(text: string): void {
  process.stdout.write(`${text}\n`);
}

export interface Verdict {
  /** What the ratio compares, e.g. "lab / docker-compose startup, split-stores". */
  what: string;
  ratio: number;
  target: string;
  met: boolean;
}

/** Saves the record and prints the ratio lines, the last one being the bench's headline. */
export function finish(name: string, record: Record<string, unknown>, verdicts: Verdict[]): void {
  const out = path.join(BENCH_DIR, 'results', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const full = { bench: name, at: new Date().toISOString(), machine: machine(), ...record, verdicts };
  fs.writeFileSync(out, JSON.stringify(full, null, 2) + '\n');
  note(`saved ${path.relative(ROOT, out)}`);
  for (const v of verdicts) {
    note(
      `RATIO ${v.what}: ${fmtRatio(v.ratio)} (target ${v.target}: ${v.met ? 'met' : 'MISSED'})  [load ${load()}]`,
    );
  }
}

/** Reads `--key value` / `--key=value` flags. */
export function flags(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) m.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) m.set(a.slice(2), argv[++i]);
    else m.set(a.slice(2), 'true');
  }
  return m;
}

export function intFlag(f: Map<string, string>, key: string, def: number): number {
  const v = f.get(key);
  if (v === undefined) return def;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} wants a positive number, got '${v}'`);
  return n;
}
