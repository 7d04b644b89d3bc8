// `--fault kind:target[@atMs][+durationMs]`, e.g. kill:order-2@1500+2000, or at a named point:
// `--fault kill:order-1@after-commit-before-publish[+durationMs]` (the service holds there, the lab kills it).
import type { Step } from '../engine/scenario';
import type { FaultKind } from '../engine/events';
import { LabError } from '../engine/errors';
import { MAX_AT_MS, MAX_DURATION_MS } from '../engine/scenario-file/schema';

const KINDS: FaultKind[] = ['kill', 'stop', 'start', 'restart', 'pause', 'unpause', 'partition', 'heal'];

function duration(s: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (n < 1 || n > MAX_DURATION_MS)
    throw new LabError('PARAM_INVALID', `--fault ${s}: the duration must be from 1 to ${MAX_DURATION_MS} ms`);
  return n;
}

export function parseFaultArg(s: string): Step {
  const p = /^(kill|stop|pause|release):([A-Za-z0-9_.-]{1,63})@([a-z][a-z0-9-]{0,63})(?:\+(\d{1,10}))?$/.exec(
    s.trim(),
  );
  if (p) {
    return {
      at: 0,
      process: 'nemesis',
      fault: {
        kind: 'point',
        target: p[2],
        point: p[3],
        then: p[1] as 'kill' | 'stop' | 'pause' | 'release',
        durationMs: duration(s, p[4]),
      },
    };
  }
  const m = /^([a-z]+):([A-Za-z0-9_.-]{1,63})(?:@(\d{1,10}))?(?:\+(\d{1,10}))?$/.exec(s.trim());
  if (!m || !KINDS.includes(m[1] as FaultKind)) {
    throw new LabError(
      'PARAM_INVALID',
      `--fault expects kind:target[@atMs][+durationMs] with kind one of ${KINDS.join('|')}, got '${s}'`,
    );
  }
  const at = m[3] ? Number(m[3]) : 0;
  if (at > MAX_AT_MS)
    throw new LabError('PARAM_INVALID', `--fault ${s}: the time must be at most ${MAX_AT_MS} ms`);
  return {
    at,
    process: 'nemesis',
    fault: { kind: m[1] as FaultKind, target: m[2], durationMs: duration(s, m[4]) },
  };
}
