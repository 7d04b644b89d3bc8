// Chart and state colours (kept in step with the CSS variables in styles.css).
import type { FaultKind } from '../model/types';

export const SERIES_COLORS = [
  '#60a5fa',
  '#f59e0b',
  '#34d399',
  '#f472b6',
  '#a78bfa',
  '#22d3ee',
  '#fb923c',
  '#a3e635',
  '#e879f9',
  '#94a3b8',
];

export const OUTCOME_COLORS = { ok: '#34d399', fail: '#f87171', info: '#fbbf24' } as const;

export const FAULT_COLORS: Record<FaultKind, string> = {
  kill: '#ef4444',
  stop: '#f97316',
  start: '#22c55e',
  restart: '#3b82f6',
  pause: '#eab308',
  unpause: '#22c55e',
  partition: '#a855f7',
  heal: '#22c55e',
  latency: '#06b6d4',
  bandwidth: '#0ea5e9',
  timeout: '#14b8a6',
  reset: '#f43f5e',
  point: '#ec4899',
};

export const STATE_TONE: Record<string, 'good' | 'bad' | 'warn' | 'info' | 'neutral'> = {
  running: 'good',
  paused: 'warn',
  exited: 'bad',
  removed: 'neutral',
  created: 'info',
  unknown: 'neutral',
};
