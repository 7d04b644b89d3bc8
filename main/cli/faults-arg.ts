// `--fault kind:target[@atMs][+durationMs]`, e.g. kill:order-2@1500+2000, or at a named point:
// `--fault kill:order-1@after-commit-before-publish[+durationMs]` (the service holds there, the lab kills it).
import type { Step } from '../engine/scenario';
import type { FaultKind } from '../engine/events';
import { LabError } from '../engine/errors';

const KINDS: FaultKind[] = ['kill', 'stop', 'start', 'restart', 'pause', 'unpause', 'partition', 'heal'];

export function parseFaultArg(s: string): Step {
  const p = /^(kill|stop|pause|release):([A-Za-z0-9_.-]+)@([a-z][a-z0-9-]*)(?:\+(\d+))?$/.exec(s.trim());
  if (p) {
    return {
      at: 0,
      process: 'nemesis',
      fault: { kind: 'point', target: p[2], point: p[3], then: p[1] as 'kill' | 'stop' | 'pause' | 'release', durationMs: p[4] ? Number(p[4]) : undefined },
    };
  }
  const m = /^([a-z]+):([A-Za-z0-9_.-]+)(?:@(\d+))?(?:\+(\d+))?$/.exec(s.trim());
  if (!m || !KINDS.includes(m[1] as FaultKind)) {
    throw new LabError('PARAM_INVALID', `--fault expects kind:target[@atMs][+durationMs] with kind one of ${KINDS.join('|')}, got '${s}'`);
  }
  return {
    at: m[3] ? Number(m[3]) : 0,
    process: 'nemesis',
    fault: { kind: m[1] as FaultKind, target: m[2], durationMs: m[4] ? Number(m[4]) : undefined },
  };
}
