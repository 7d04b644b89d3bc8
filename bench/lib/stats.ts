// Small statistics for the benches: medians, and the machine's state next to each figure.
import os from 'node:os';

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/** One-minute load average, as printed next to every figure. */
export function load(): string {
  return os.loadavg()[0].toFixed(2);
}

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpu: string;
  node: string;
  loadavg: [number, number, number];
}

export function machine(): Machine {
  const [a, b, c] = os.loadavg();
  return {
    nproc: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadavg: [a, b, c].map((x) => Math.round(x * 100) / 100) as [number, number, number],
  };
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

export function fmtRatio(r: number): string {
  return `${r.toFixed(2)}x`;
}
