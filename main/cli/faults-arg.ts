// `--fault kind:target[@atMs][+durationMs]`, e.g. kill:order-2@1500+2000, or at a named point:
// `--fault kill:order-1@after-commit-before-publish[+durationMs]` (the service holds there, the lab kills it),
// or a network fault through the Toxiproxy in front of the target, with its value after '=':
// `latency:product=800~200@4000+6000` (800 ms +- 200), `bandwidth:product=16` (KB/s),
// `timeout:product=0` and `reset:product=0` (ms after a connection opens).
import type { Step } from '../engine/scenario';
import { NETWORK_FAULT_KINDS, type FaultKind, type FaultRequest } from '../engine/events';
import { LabError } from '../engine/errors';
import { MAX_AT_MS, MAX_DURATION_MS } from '../engine/scenario-file/schema';

const KINDS: FaultKind[] = [
  'kill',
  'stop',
  'start',
  'restart',
  'pause',
  'unpause',
  'partition',
  'heal',
  ...NETWORK_FAULT_KINDS,
];
const VALUE_FIELD = {
  latency: 'latencyMs',
  bandwidth: 'rateKBps',
  timeout: 'afterMs',
  reset: 'afterMs',
} as const;

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
  const m =
    /^([a-z]+):([A-Za-z0-9_.-]{1,63})(?:=(\d{1,7})(?:~(\d{1,7}))?)?(?:@(\d{1,10}))?(?:\+(\d{1,10}))?$/.exec(
      s.trim(),
    );
  if (!m || !KINDS.includes(m[1] as FaultKind)) {
    throw new LabError(
      'PARAM_INVALID',
      `--fault expects kind:target[=value[~jitter]][@atMs][+durationMs] with kind one of ${KINDS.join('|')}, got '${s}'`,
    );
  }
  const kind = m[1] as FaultKind;
  const field = VALUE_FIELD[kind as keyof typeof VALUE_FIELD];
  if ((m[3] !== undefined && !field) || (m[4] !== undefined && kind !== 'latency'))
    throw new LabError(
      'PARAM_INVALID',
      `--fault ${s}: only latency takes =ms[~jitter], bandwidth =KB/s, timeout and reset =ms`,
    );
  const value: Partial<FaultRequest> = {};
  if (field && m[3] !== undefined) value[field] = Number(m[3]);
  if (m[4] !== undefined) value.jitterMs = Number(m[4]);
  if (kind === 'bandwidth' && value.rateKBps === 0)
    throw new LabError('PARAM_INVALID', `--fault ${s}: the bandwidth must be at least 1 KB/s`);
  const at = m[5] ? Number(m[5]) : 0;
  if (at > MAX_AT_MS)
    throw new LabError('PARAM_INVALID', `--fault ${s}: the time must be at most ${MAX_AT_MS} ms`);
  return {
    at,
    process: 'nemesis',
    fault: { kind, target: m[2], ...value, durationMs: duration(s, m[6]) },
  };
}
