import { describe, it, expect } from 'vitest';
import { input, op, store } from '../../main/engine/checks/history.fixture';
import { accounts, dlqAccounting } from './accounting';
import { idempotency, DOUBLE_CHARGE } from './idempotency';
import { dlqRouting } from './routing';
import { retryWork } from './retries';
import { ANOMALY, STORE } from './names';

const stores = (orders: string[], payments: string[], dlq: string[]) => [
  store(STORE.orders, orders),
  store(STORE.payments, payments),
  store(STORE.dlq, dlq),
];

const place = (ref: string, card: string, attempts = 1, timeouts = 0) => [
  op('client', 'invoke', 'place', { ref, card }, 0),
  op('client', 'ok', 'place', { ref, card, attempts, timeouts }, 5),
];

describe('dlqAccounting', () => {
  it('every order paid once or dead-lettered once: valid', () => {
    const r = dlqAccounting().check(input([], stores(['a/o1', 'b/o2', 'c/o3'], ['a/o1', 'c/o3'], ['b/o2'])));
    expect(r.valid).toBe(true);
    expect(r.summary).toBe(
      '3 orders: 2 paid exactly once, 1 in the DLQ exactly once; every message accounted for',
    );
    expect(Object.values(r.anomalies).every((n) => n === 0)).toBe(true);
  });

  it('counts lost, doubled, both, and phantom messages', () => {
    const r = dlqAccounting().check(
      input(
        [],
        stores(
          ['a/o1', 'b/o2', 'c/o3', 'd/o4', 'e/o5'],
          ['a/o1', 'a/o1', 'a/o1', 'c/o3', 'z/o9'],
          ['b/o2', 'b/o2', 'c/o3'],
        ),
      ),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({
      [ANOMALY.lostMessage]: 2,
      [ANOMALY.appliedTwice]: 2,
      [ANOMALY.deadTwice]: 1,
      [ANOMALY.appliedAndDead]: 1,
      [ANOMALY.phantom]: 1,
    });
    expect(r.examples[ANOMALY.lostMessage]).toEqual([{ id: 'd/o4' }, { id: 'e/o5' }]);
    expect(r.examples[ANOMALY.phantom]).toEqual([{ id: 'z/o9', in: STORE.payments }]);
  });

  it('unknown when a store could not be read', () => {
    const r = dlqAccounting().check(
      input([], [store(STORE.orders, []), store(STORE.payments, [], false), store(STORE.dlq, [])]),
    );
    expect([r.valid, r.summary]).toEqual(['unknown', 'payments could not be read at the end']);
  });

  it('accounts() over raw ids', () => {
    expect(accounts(['a/1'], ['a/1'], [])).toMatchObject({
      orders: 1,
      applied: 1,
      deadLettered: 0,
      lost: [],
    });
  });
});

describe('idempotency', () => {
  it('one order per request: valid', () => {
    const r = idempotency().check(input([...place('a', 'valid', 2, 1)], stores(['a/o1'], ['a/o1'], [])));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ [ANOMALY.duplicateOrder]: 0, [DOUBLE_CHARGE]: 0 });
    expect(r.summary).toBe('1 requests, 1 retried after 1 client timeouts: one order per request');
  });

  it('a retried request that made two orders, both paid: a duplicate order and a double charge', () => {
    const r = idempotency().check(
      input(
        [...place('a', 'valid', 2, 1), ...place('b', 'poison', 2, 1), ...place('c', 'valid')],
        stores(['a/o1', 'a/o2', 'b/o3', 'b/o4', 'c/o5'], ['a/o1', 'a/o2', 'c/o5'], ['b/o3', 'b/o4']),
      ),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies).toEqual({ [ANOMALY.duplicateOrder]: 2, [DOUBLE_CHARGE]: 1 });
    expect(r.examples[ANOMALY.duplicateOrder]).toEqual([
      { ref: 'a', orders: ['o1', 'o2'], clientTries: 2 },
      { ref: 'b', orders: ['o3', 'o4'], clientTries: 2 },
    ]);
  });
});

describe('dlqRouting', () => {
  it('poison cards in the DLQ, the others paid: valid, tallied per card', () => {
    const h = [...place('a', 'valid'), ...place('b', 'poison'), ...place('c', 'flaky')];
    const r = dlqRouting().check(input(h, stores(['a/o1', 'b/o2', 'c/o3'], ['a/o1', 'c/o3'], ['b/o2'])));
    expect(r.valid).toBe(true);
    expect(r.summary).toBe(
      'flaky: 1 paid, 0 in the DLQ; poison: 0 paid, 1 in the DLQ; valid: 1 paid, 0 in the DLQ',
    );
  });

  it('a flaky card dead-lettered (too few tries) is misrouted', () => {
    const h = [...place('a', 'flaky')];
    const r = dlqRouting().check(input(h, stores(['a/o1'], [], ['a/o1'])));
    expect(r.valid).toBe(false);
    expect(r.examples[ANOMALY.misrouted]).toEqual([{ id: 'a/o1', card: 'flaky', endedIn: STORE.dlq }]);
  });
});

describe('retryWork', () => {
  it('reports the consumer’s counters from the settle op', () => {
    const h = [
      op('client', 'invoke', 'settle', undefined, 0),
      op(
        'client',
        'ok',
        'settle',
        {
          payments: {
            deliveries: 10,
            attempts: 16,
            retries: 6,
            applied: 8,
            deadLettered: 2,
            skippedDuplicates: 0,
          },
        },
        9,
      ),
    ];
    const r = retryWork({ maxAttempts: 4, backoffMs: 100 }).check(input(h, []));
    expect(r.summary).toMatch(/16 tries \(6 retries/);
    expect(r.summary).toMatch(/2 sent to the DLQ after 4 tries/);
    // The last settle that completed counts; a later one still in flight does not.
    const again = [
      ...h,
      op('client', 'invoke', 'settle', undefined, 20),
      op('client', 'info', 'settle', { payments: { attempts: 17 } }, 29),
      op('client', 'invoke', 'settle', undefined, 30),
    ];
    expect(retryWork({ maxAttempts: 4, backoffMs: 100 }).check(input(again, [])).summary).toMatch(/17 tries/);
  });
});
