import { describe, it, expect } from 'vitest';
import type { CheckInput } from '../../../main/engine/scenario';
import type { RunEvent, StoreSnapshot } from '../../../main/engine/events';
import { partialFailures } from './partial-check';
import { driftToZero, repairsFromSource, driftSeries } from './drift-check';
import type { ReconAudit } from '../audit';
import { op } from './checks.fixture';

const store = (name: string, ids: string[], available = true): StoreSnapshot => ({
  name,
  rows: ids.length,
  ids,
  available,
});
const partial = partialFailures({
  stores: { order: 'orders-live', inventory: 'stock-live', payment: 'charges-live' },
});

function gatewayInput(finalStores: StoreSnapshot[]): CheckInput {
  const history = [
    op('u1', 'invoke', 'order', { id: 'o1' }, 0),
    op('u1', 'ok', 'order', { id: 'o1' }, 10),
    op('u1', 'invoke', 'order', { id: 'o2' }, 20),
    op('u1', 'fail', 'order', { id: 'o2' }, 30, 'HTTP 409: charge: card declined'),
    op('u1', 'invoke', 'order', { id: 'o3' }, 40),
    op('u1', 'fail', 'order', { id: 'o3' }, 50, 'HTTP 502: reserve: socket hang up'),
    op('u1', 'invoke', 'order', { id: 'o4' }, 60),
    op('u1', 'info', 'order', { id: 'o4' }, 70, 'timed out'),
  ];
  return { params: {}, history, finalStores, events: [] };
}

describe('partial failures', () => {
  it('clean: a failed order left nothing, a successful one everything', () => {
    const r = partial.check(
      gatewayInput([
        store('orders-live', ['o1', 'o4']),
        store('stock-live', ['o1']),
        store('charges-live', ['o1']),
      ]),
    );
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ 'partial-failure': 0, 'incomplete-order': 0 });
    expect(r.stats).toMatchObject({ failed: 2, unknown: 1, cleanFailures: 2 });
  });

  it('a failed order whose stock stayed reserved: one participant left committed', () => {
    const r = partial.check(
      gatewayInput([
        store('orders-live', ['o1']),
        store('stock-live', ['o1', 'o3']),
        store('charges-live', ['o1']),
      ]),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies['partial-failure']).toBe(1);
    expect(r.examples['partial-failure'][0]).toMatchObject({ order: 'o3', leftAt: ['inventory'] });
    expect(r.stats).toMatchObject({ leftCommittedByParticipant: { order: 0, inventory: 1, payment: 0 } });
  });

  it('a successful order missing at a participant is incomplete', () => {
    const r = partial.check(
      gatewayInput([store('orders-live', ['o1']), store('stock-live', []), store('charges-live', ['o1'])]),
    );
    expect(r.anomalies['incomplete-order']).toBe(1);
  });

  it('an unreadable store makes the check throw (unknown)', () => {
    expect(() =>
      partial.check(
        gatewayInput([store('orders-live', [], false), store('stock-live', []), store('charges-live', [])]),
      ),
    ).toThrow(/could not be read/);
  });
});

const row = (id: string, amount = 10) => ({ id, user: 'u', product: 'p1', qty: 1, amount });

function reconInput(audit: ReconAudit, drift: string[], events: RunEvent[] = []): CheckInput {
  const history = [
    op('w', 'invoke', 'add', { id: 'a' }, 0),
    op('w', 'ok', 'add', { id: 'a', copy: 'written' }, 5),
    op('w', 'invoke', 'add', { id: 'b' }, 10),
    op('w', 'ok', 'add', { id: 'b', copy: 'skipped' }, 15),
    op('w', 'invoke', 'add', { id: 'c' }, 20),
    op('w', 'ok', 'add', { id: 'c', copy: 'skipped' }, 25),
    op('w', 'invoke', 'audit-recon', {}, 100),
    op('w', 'ok', 'audit-recon', audit, 200),
  ];
  return { params: {}, history, finalStores: [store('drift', drift)], events };
}

function reconAudit(): ReconAudit {
  return {
    settled: true,
    waitedMs: 50,
    source: ['a', 'b', 'c'].map((id) => ({ ...row(id), copyStatus: id === 'a' ? 'written' : 'skipped' })),
    copy: ['a', 'b', 'c'].map((id) => ({ ...row(id), writtenBy: id === 'a' ? 'writer' : 'reconciler' })),
    repairs: [
      { id: 'b', kind: 'missing', pass: 1, row: row('b') },
      { id: 'c', kind: 'missing', pass: 2, row: row('c') },
    ],
    passes: [
      { pass: 1, missing: 1, mismatched: 0, extra: 0, repaired: 1, failed: 0 },
      { pass: 2, missing: 1, mismatched: 0, extra: 0, repaired: 1, failed: 0 },
    ],
  };
}

describe('reconciliation checks', () => {
  it('repairs equal the injected drift, all from the source, no drift left', () => {
    expect(repairsFromSource().check(reconInput(reconAudit(), [])).valid).toBe(true);
    expect(driftToZero({ driftStore: 'drift' }).check(reconInput(reconAudit(), [])).valid).toBe(true);
  });

  it('drift left at the end', () => {
    const r = driftToZero({ driftStore: 'drift' }).check(reconInput(reconAudit(), ['c']));
    expect(r.valid).toBe(false);
    expect(r.anomalies['drift-left']).toBe(1);
  });

  it('a repair with a row the source does not hold, or other values: invented', () => {
    const a = reconAudit();
    a.repairs.push({ id: 'zz', kind: 'missing', pass: 3, row: row('zz') });
    a.repairs[0] = { ...a.repairs[0], row: row('b', 999) };
    const r = repairsFromSource().check(reconInput(a, []));
    expect(r.valid).toBe(false);
    expect(r.anomalies['invented-repair']).toBe(2);
  });

  it('an injected drift never repaired, and a repair of a row whose copy had been written', () => {
    const a = reconAudit();
    a.repairs = [
      { id: 'a', kind: 'missing', pass: 1, row: row('a') },
      { id: 'b', kind: 'missing', pass: 1, row: row('b') },
    ];
    const r = repairsFromSource().check(reconInput(a, []));
    expect(r.anomalies).toMatchObject({ 'unrepaired-drift': 1, 'spurious-repair': 1 });
  });

  it('driftSeries: the peak and since when it has been zero', () => {
    const s = (t: number, rows: number): RunEvent => ({
      type: 'sample',
      t,
      probe: 'rows',
      store: 'drift',
      rows,
      ids: [],
    });
    expect(driftSeries([s(0, 0), s(100, 2), s(200, 3), s(300, 0), s(400, 0)], 'drift')).toEqual({
      peak: 3,
      peakAt: 200,
      zeroSince: 300,
      samples: 5,
    });
  });
});
