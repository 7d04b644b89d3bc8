import { describe, it, expect } from 'vitest';
import { judge, steadyStateCheck, withSteadyState, STEADY_STATE_F, type StoreProbe } from './steady-state';
import type { Op } from '../history';
import type { CheckInput, Client } from '../scenario';
import type { SteadyStateSpec } from './schema';

const spec: SteadyStateSpec = {
  probes: [{ kind: 'stores-reachable' }, { kind: 'stores-respond-within', maxMs: 100 }],
};
const fast: StoreProbe[] = [
  { store: 'order-1', ok: true, ms: 3 },
  { store: 'order-2', ok: true, ms: 5 },
];
const slow: StoreProbe[] = [
  { store: 'order-1', ok: true, ms: 3 },
  { store: 'order-2', ok: true, ms: 250 },
];
const down: StoreProbe[] = [
  { store: 'order-1', ok: true, ms: 3 },
  { store: 'order-2', ok: false, ms: null, error: 'ECONNREFUSED' },
];

function op(phase: 'before' | 'after', stores: StoreProbe[]): Op {
  return {
    process: 'nemesis',
    type: 'ok',
    f: STEADY_STATE_F,
    value: judge(spec, phase, stores),
    time: 0,
    index: 0,
  };
}
function check(history: Op[]) {
  const input: CheckInput = { params: {}, history, finalStores: [], events: [] };
  return steadyStateCheck(spec).check(input);
}

describe('steady-state hypothesis', () => {
  it('judges reachability and latency', () => {
    expect(judge(spec, 'before', fast).met).toBe(true);
    expect(judge(spec, 'after', slow).failures).toEqual(['order-2 answered in 250 ms (> 100 ms)']);
    expect(judge(spec, 'after', down).failures).toEqual(['order-2 did not answer (ECONNREFUSED)']);
  });

  it('met before and after: valid; met before, not after: invalid; not met before: unknown', () => {
    const ok = check([op('before', fast), op('after', fast)]);
    expect(ok.valid).toBe(true);
    expect(ok.summary).toMatch(/before faults: met \(order-1 3 ms, order-2 5 ms\); after recovery: met/);
    const notRestored = check([op('before', fast), op('after', down)]);
    expect(notRestored.valid).toBe(false);
    expect(notRestored.anomalies).toEqual({ 'steady-state-deviation': 1 });
    expect(notRestored.summary).toMatch(/after recovery: NOT met \(order-2 did not answer/);
    expect(check([op('before', slow), op('after', fast)]).valid).toBe('unknown');
    expect(check([op('before', fast)]).valid).toBe('unknown'); // never checked after (cut short)
  });

  it('the client probes the stores for steady-state ops and passes every other op on', async () => {
    const seen: string[] = [];
    const inner: Client = { invoke: async (o) => (seen.push(o.f), { type: 'ok' }) };
    // No container answers on this port: the probe reports the store as unreachable.
    const c = withSteadyState(
      inner,
      { endpoint: () => ({ host: '127.0.0.1', port: 1 }) },
      [{ name: 'order-1', container: 'order-1', port: 8080, path: '/orders' }],
      spec,
    );
    await c.invoke(
      { process: 'user-1', type: 'invoke', f: 'add', value: { id: 'o-1' }, time: 0 },
      new AbortController().signal,
    );
    const r = await c.invoke(
      { process: 'nemesis', type: 'invoke', f: STEADY_STATE_F, value: { phase: 'after' }, time: 0 },
      new AbortController().signal,
    );
    expect(seen).toEqual(['add']);
    expect(r.type).toBe('ok');
    expect(r.value).toMatchObject({ phase: 'after', met: false, stores: [{ store: 'order-1', ok: false }] });
  });
});
