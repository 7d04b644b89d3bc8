import { describe, expect, it } from 'vitest';
import { lostWrites } from './lost-writes';
import { input, op, store } from './history.fixture';
import type { RunEvent } from '../events';

// c1 adds o1 (ok), o2 (ok, served by order-2), o3 (info: unknown outcome), o4 (fail).
const history = [
  op('c1', 'invoke', 'add', { id: 'o1' }, 100),
  op('c1', 'ok', 'add', { id: 'o1' }, 110, { node: 'order-1' }),
  op('c1', 'invoke', 'add', { id: 'o2' }, 200),
  op('c1', 'ok', 'add', { id: 'o2' }, 210, { node: 'order-2' }),
  op('c1', 'invoke', 'add', { id: 'o3' }, 300),
  op('c1', 'info', 'add', { id: 'o3' }, 1300, { error: 'timeout' }),
  op('c1', 'invoke', 'add', { id: 'o4' }, 1400),
  op('c1', 'fail', 'add', { id: 'o4' }, 1410, { error: '503' }),
];

describe('lostWrites', () => {
  it('is valid when every acknowledged id is in some final store', () => {
    const r = lostWrites().check(input(history, [store('order-1', ['o1']), store('order-2', ['o2'])]));
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ 'lost-write': 0 });
    expect(r.summary).toContain('all 2 acknowledged writes');
  });

  it('counts an acknowledged id missing from every store as lost, with who served it', () => {
    const r = lostWrites().check(input(history, [store('order-1', ['o1']), store('order-2', [])]));
    expect(r.valid).toBe(false);
    expect(r.anomalies['lost-write']).toBe(1);
    expect(r.examples['lost-write']).toEqual([
      expect.objectContaining({ id: 'o2', process: 'c1', ackedAt: 210, servedBy: 'order-2' }),
    ]);
    expect(r.summary).toMatch(/1 of 2 acknowledged writes are in no final store/);
  });

  it('does not count an info op as acknowledged or lost when absent', () => {
    const r = lostWrites().check(input(history, [store('order-1', ['o1']), store('order-2', ['o2'])]));
    expect(r.stats).toMatchObject({ acknowledged: 2, lost: 0, unknownOutcome: 1, unknownOutcomePresent: 0 });
  });

  it('does not count an add still in flight (no completion) as lost', () => {
    const h = [...history, op('c2', 'invoke', 'add', { id: 'o9' }, 1500)];
    const r = lostWrites().check(input(h, [store('order-1', ['o1', 'o2'])]));
    expect(r.valid).toBe(true);
    expect(r.stats).toMatchObject({ unknownOutcome: 2 });
  });

  it('reports which store last held a lost id, from a snapshot taken before the kill', () => {
    const events: RunEvent[] = [
      { type: 'sample', t: 1000, probe: 'rows', store: 'order-2', rows: 1, ids: ['o2'] },
      {
        type: 'snapshot',
        t: 1990,
        reason: 'before kill order-2',
        stores: [store('order-1', ['o1']), store('order-2', ['o2'])],
      },
    ];
    const r = lostWrites().check(input(history, [store('order-1', ['o1']), store('order-2', [])], events));
    expect(r.stats?.lastHeldBy).toEqual({ o2: { store: 'order-2', t: 1990, from: 'snapshot' } });
    expect(r.summary).toContain('last seen in order-2');
    expect(r.examples['lost-write'][0]).toMatchObject({ lastSeenIn: 'order-2', lastSeenAt: 1990 });
  });

  it('is unknown rather than invalid when a missing id might be in an unreadable store', () => {
    const r = lostWrites().check(input(history, [store('order-1', ['o1']), store('order-2', [], false)]));
    expect(r.valid).toBe('unknown');
    expect(r.summary).toContain('order-2 could not be read');
  });

  it('uses the configured add function name', () => {
    const h = [op('p', 'invoke', 'place', { id: 'x' }, 1), op('p', 'ok', 'place', { id: 'x' }, 2)];
    expect(lostWrites({ addF: 'place' }).check(input(h, [store('db', [])])).valid).toBe(false);
    expect(lostWrites().check(input(h, [store('db', [])])).valid).toBe(true);
  });
});
