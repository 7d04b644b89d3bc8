import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../main/engine/events';
import type { Op } from '../../main/engine/history';
import { input, op } from '../../main/engine/checks/history.fixture';
import { compositionVsCqrs, outages } from './check';
import { PRODUCT } from './names';

const fault = (t: number, kind: 'kill' | 'start'): RunEvent => ({
  type: 'fault',
  t,
  id: `f${t}`,
  request: { kind, target: PRODUCT },
  source: 'lab',
  state: 'applied',
});

function read(f: 'composed' | 'cqrs', t: number, ok: boolean, latencyMs: number, stalenessMs?: number): Op[] {
  const p = `${f}-${t}`;
  return [
    op(p, 'invoke', f, { order: 'o1' }, t),
    ok
      ? op(
          p,
          'ok',
          f,
          { order: 'o1', latencyMs, ...(stalenessMs === undefined ? {} : { stalenessMs }) },
          t + latencyMs,
        )
      : op(p, 'fail', f, { order: 'o1', latencyMs }, t + latencyMs, { error: 'HTTP 502' }),
  ];
}

// The product service is down 1000-2000 and 3000-3500, then down again from 5000 to the end.
const events = [
  fault(1000, 'kill'),
  fault(2000, 'start'),
  fault(3000, 'kill'),
  fault(3500, 'start'),
  fault(5000, 'kill'),
];
const history = [
  ...read('cqrs', 100, false, 5), // before the read model's first answer: not counted
  ...read('cqrs', 200, true, 4, 300),
  ...read('composed', 500, true, 10),
  ...read('composed', 1000, false, 30), // down (at the start of the outage)
  ...read('cqrs', 1500, true, 6, 2400), // down
  ...read('composed', 2000, false, 20), // down (at its end)
  ...read('composed', 2600, true, 12),
  ...read('cqrs', 3200, false, 7), // down: the read model failed after its first answer
  ...read('cqrs', 4000, true, 5, 900),
  ...read('composed', 6000, false, 40), // down until the end
];

describe('compositionVsCqrs', () => {
  it('a slow window ends when its heal was requested, not when the heal was confirmed', () => {
    const ev = (
      t: number,
      id: string,
      kind: 'latency' | 'heal',
      state: 'requested' | 'applied',
    ): RunEvent => ({
      type: 'fault',
      t,
      id,
      request: { kind, target: PRODUCT },
      source: 'lab',
      state,
    });
    const slow = [
      ev(990, 'f1', 'latency', 'requested'),
      ev(1000, 'f1', 'latency', 'applied'),
      ev(4990, 'f2', 'heal', 'requested'),
      ev(5004, 'f2', 'heal', 'applied'),
    ];
    expect(outages(input([], [], slow))).toEqual([{ from: 1000, to: 4990 }]);
    // A read made between the two (the toxic already gone) is not counted as made while slow.
    const r = compositionVsCqrs().check(
      input([...read('composed', 4000, false, 1000), ...read('composed', 4995, true, 8)], [], slow),
    );
    const st = r.stats as { composition: { down: { reads: number; errors: number } } };
    expect(st.composition.down).toMatchObject({ reads: 1, errors: 1 });
  });

  it('outages from the product service kills to its starts (or the end)', () => {
    expect(outages(input([], [], events))).toEqual([
      { from: 1000, to: 2000 },
      { from: 3000, to: 3500 },
      { from: 5000, to: Number.MAX_SAFE_INTEGER },
    ]);
  });

  it('counts failed composed reads and read-model failures after its first answer, split down/up', () => {
    const r = compositionVsCqrs().check(input(history, [], events));
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ 'composition-error': 3, 'read-model-unavailable': 1 });
    expect(r.examples['composition-error']).toEqual([
      { t: 1000, error: 'HTTP 502' },
      { t: 2000, error: 'HTTP 502' },
      { t: 6000, error: 'HTTP 502' },
    ]);
    expect(r.stats).toMatchObject({
      composition: {
        down: { reads: 3, errors: 3, p50LatencyMs: 30, p99LatencyMs: 40 },
        up: { reads: 2, errors: 0, p50LatencyMs: 12, p99LatencyMs: 12 },
      },
      readModel: { down: { reads: 2, errors: 1 }, up: { reads: 3, errors: 1 } },
      maxStalenessDownS: 2.4,
      maxStalenessUpS: 0.9,
      maxStalenessBeforeFaultS: 0.3,
      stalenessSamples: [
        { t: 200, s: 0.3 },
        { t: 1500, s: 2.4 },
        { t: 4000, s: 0.9 },
      ],
    });
    expect(r.summary).toBe(
      'API composition: 3 of 5 reads failed (3 of 3 while the product service was down, p50 30 ms against 12 ms otherwise); read model: 1 of 5 failed, staleness up to 2.4 s while down, 0.3 s before the fault, 0.9 s while up (recovery included)',
    );
  });
});
