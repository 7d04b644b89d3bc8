import { describe, it, expect } from 'vitest';
import type { RunEvent } from '../../../main/engine/events';
import { stockConservation } from './stock-check';
import { sagaOutcomes } from './outcome-check';
import { sagasTerminal } from './terminal-check';
import { sagaOnce } from './once-check';
import { goodAudit, sagaInput, op } from './checks.fixture';
import { checkSafe } from '../../../main/engine/checks';

const stock = stockConservation({ initial: (p) => ({ p1: Number(p.stock) }) });
const terminal = sagasTerminal({ boundMs: () => 2000 });

describe('stock conservation', () => {
  it('holds when available + reserved + sold = initial', () => {
    const r = stock.check(sagaInput(goodAudit()));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ 'stock-not-conserved': 0, 'stock-left-reserved': 0, 'sold-mismatch': 0 });
  });

  it('a release that never put the units back: units missing', () => {
    const a = goodAudit();
    a.products[0].available = 7; // s2's unit released from reserved but not back on the shelf
    const r = stock.check(sagaInput(a));
    expect(r.valid).toBe(false);
    expect(r.anomalies['stock-not-conserved']).toBe(1);
    expect(r.examples['stock-not-conserved'][0]).toMatchObject({ product: 'p1', missing: 1 });
  });

  it('judges against the params, not the inventory’s own idea of the initial stock', () => {
    const a = goodAudit();
    a.products[0] = { id: 'p1', initial: 12, available: 10, reserved: 0, sold: 2 };
    expect(stock.check(sagaInput(a)).anomalies['stock-not-conserved']).toBe(2);
  });

  it('stock still reserved when every saga is terminal, and sold units no completed saga bought', () => {
    const a = goodAudit();
    a.products[0] = { id: 'p1', initial: 10, available: 6, reserved: 1, sold: 3 };
    const r = stock.check(sagaInput(a));
    expect(r.anomalies).toMatchObject({
      'stock-not-conserved': 0,
      'stock-left-reserved': 1,
      'sold-mismatch': 1,
    });
    expect(r.valid).toBe(false);
  });

  it('several products: each judged on its own row and its own completed sagas', () => {
    const a = goodAudit();
    a.sagas.push(
      { ...a.sagas[0], id: 's3', product: 'p2', qty: 3 },
      { ...a.sagas[0], id: 's4', product: 'p2', qty: 1 },
      { ...a.sagas[0], id: 's5', product: 'p2', qty: 4, state: 'compensated' },
    );
    a.products.push({ id: 'p2', initial: 5, available: 1, reserved: 0, sold: 4 });
    a.products.push({ id: 'p2', initial: 5, available: 0, reserved: 0, sold: 0 }); // a second row: the first counts
    const two = stockConservation({ initial: () => ({ p1: 10, p2: 5, p3: 2 }) });
    const r = two.check(sagaInput(a));
    expect(r.anomalies).toEqual({ 'stock-not-conserved': 2, 'stock-left-reserved': 0, 'sold-mismatch': 0 });
    expect(r.stats?.products).toMatchObject({
      p1: { completedUnits: 2 },
      p2: { completedUnits: 4, total: 5 },
    });
    expect(r.examples['stock-not-conserved']).toEqual([{ product: 'p3', initial: 2, inInventory: false }]);
  });

  it('no audit: unknown through checkSafe', () => {
    const input = sagaInput(goodAudit());
    const r = checkSafe(stock, { ...input, history: input.history.slice(0, 4) });
    expect(r.valid).toBe('unknown');
  });
});

describe('saga outcomes', () => {
  it('a consistent end: confirmed orders paid, compensated ones cancelled and not charged', () => {
    const r = sagaOutcomes().check(sagaInput(goodAudit()));
    expect(r.valid).toBe(true);
  });

  it('an order confirmed and cancelled, a charge kept for a cancelled order, a charge with no order', () => {
    const a = goodAudit();
    a.orderEvents.push({ orderId: 's1', event: 'cancelled' });
    a.charges.push(
      { sagaId: 's2', amount: 10, state: 'charged' },
      { sagaId: 'ghost', amount: 5, state: 'refunded' },
    );
    a.shipments.push({ sagaId: 's2', state: 'scheduled' });
    const r = sagaOutcomes().check(sagaInput(a));
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({
      'order-confirmed-and-compensated': 1,
      'payment-without-order': 2,
      'shipment-without-order': 1,
    });
  });

  it('a completed saga whose order was confirmed while the saga says compensated', () => {
    const a = goodAudit();
    a.sagas[0].state = 'compensated';
    expect(sagaOutcomes().check(sagaInput(a)).anomalies['order-confirmed-and-compensated']).toBe(1);
  });
});

describe('sagas terminal', () => {
  it('every acknowledged saga in the log and terminal within the bound', () => {
    const r = terminal.check(sagaInput(goodAudit()));
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ acknowledged: 2, inLog: 2, resumed: 1, allTerminalAt: 1300 });
  });

  it('an acknowledged saga missing from the log is lost; a running one is not terminal', () => {
    const a = goodAudit();
    a.sagas = [{ ...a.sagas[0], state: 'running', next: 3 }];
    a.settled = false;
    const r = terminal.check(sagaInput(a));
    expect(r.valid).toBe(false);
    expect(r.anomalies).toMatchObject({ 'saga-lost': 1, 'saga-not-terminal': 1 });
  });

  it('late: still open at the bound after the last fault, named from the probe samples', () => {
    const fault: RunEvent = {
      type: 'fault',
      t: 1000,
      id: 'f1',
      request: { kind: 'start', target: 'orchestrator' },
      source: 'lab',
      state: 'applied',
    };
    const sample = (store: string, t: number, ids: string[]): RunEvent => ({
      type: 'sample',
      t,
      probe: 'rows',
      store,
      rows: ids.length,
      ids,
    });
    const events = [fault, sample('sagas-running', 3100, ['s2']), sample('sagas-compensating', 3150, [])];
    const slow = { ...goodAudit(), waitedMs: 2500 }; // settled at 3500 > 1000 + 2000
    const r = terminal.check(sagaInput(slow, events));
    expect(r.anomalies['saga-late']).toBe(1);
    expect(r.examples['saga-late']).toEqual([{ saga: 's2', boundMs: 2000 }]);
    // with a longer bound it is in time
    const ok = sagasTerminal({ boundMs: () => 10_000 }).check(sagaInput(slow, events));
    expect(ok.valid).toBe(true);
  });

  it('150,000 failed starts before the acknowledged ones: checked (no spread of every start into Math.max)', () => {
    const input = sagaInput(goodAudit());
    const failed = Array.from({ length: 150_000 }, (_, i) => [
      op(`p${i}`, 'invoke', 'start', { id: `x${i}` }, 0),
      op(`p${i}`, 'fail', 'start', { id: `x${i}` }, 1, 'ECONNREFUSED'),
    ]).flat();
    const r = terminal.check({ ...input, history: [...failed, ...input.history] });
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ started: 150_002, failedToStart: 150_000, lastStartAt: 105 });
  });

  it('a start that failed or is unknown is not lost', () => {
    const input = sagaInput(goodAudit());
    const history = [
      op('shop', 'invoke', 'start', { id: 's9' }, 200),
      op('shop', 'fail', 'start', { id: 's9' }, 201, 'ECONNREFUSED'),
      op('shop2', 'invoke', 'start', { id: 's8' }, 200),
      op('shop2', 'info', 'start', { id: 's8' }, 250, 'socket hang up'),
      ...input.history,
    ];
    const r = terminal.check({ ...input, history });
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ failedToStart: 1, unknownStart: 1 });
  });
});

describe('saga once', () => {
  it('each step applied once', () => {
    expect(sagaOnce().check(sagaInput(goodAudit())).valid).toBe(true);
  });

  it('a re-sent charge applied again: a second charge row and times = 2', () => {
    const a = goodAudit();
    a.charges.push({ sagaId: 's1', amount: 20, state: 'charged' });
    a.applied[2].times = 2;
    const r = sagaOnce().check(sagaInput(a));
    expect(r.valid).toBe(false);
    expect(r.anomalies['step-applied-twice']).toBe(1);
    expect(r.examples['step-applied-twice'][0]).toMatchObject({
      service: 'payment',
      saga: 's1',
      step: 'charge',
    });
  });

  it('a step logged twice by the orchestrator', () => {
    const a = goodAudit();
    a.log.push({ sagaId: 's2', step: 'release', phase: 'undo', outcome: 'ok' });
    expect(sagaOnce().check(sagaInput(a)).anomalies['step-applied-twice']).toBe(1);
  });
});
