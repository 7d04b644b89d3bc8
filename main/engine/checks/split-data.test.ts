import { describe, expect, it } from 'vitest';
import { splitData } from './split-data';
import { input, op, store } from './history.fixture';

const adds = (ids: string[], outcome: 'ok' | 'info' = 'ok') =>
  ids.flatMap((id, i) => [
    op('c1', 'invoke', 'add', { id }, i * 10),
    op('c1', outcome, 'add', { id }, i * 10 + 1),
  ]);

describe('splitData', () => {
  it('is valid when one store holds every acknowledged id', () => {
    const r = splitData().check(
      input(adds(['a', 'b', 'c']), [store('s1', ['a', 'b', 'c']), store('s2', ['a'])]),
    );
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ 'split-data': 0 });
    expect(r.summary).toContain('s1 holds all 3');
  });

  it('counts what the most complete store lacks when data is split 3/2', () => {
    const r = splitData().check(
      input(adds(['o1', 'o2', 'o3', 'o4', 'o5']), [
        store('order-1', ['o1', 'o3', 'o5']),
        store('order-2', ['o2', 'o4']),
      ]),
    );
    expect(r.valid).toBe(false);
    expect(r.anomalies['split-data']).toBe(2);
    expect(r.stats).toMatchObject({
      mostComplete: 'order-1',
      heldElsewhere: 2,
      perStore: { 'order-1': { acked: 3, lacking: 2 }, 'order-2': { acked: 2, lacking: 3 } },
    });
    expect(r.examples['split-data']).toEqual([
      { id: 'o2', mostComplete: 'order-1', heldElsewhere: true },
      { id: 'o4', mostComplete: 'order-1', heldElsewhere: true },
    ]);
  });

  it('ignores unreadable stores when choosing the most complete, and ids with unknown outcome', () => {
    const h = [...adds(['a', 'b']), ...adds(['z'], 'info')];
    const r = splitData().check(input(h, [store('s1', ['a', 'b', 'z'], false), store('s2', ['a'])]));
    expect(r.anomalies['split-data']).toBe(1);
    expect(r.stats).toMatchObject({ mostComplete: 's2' });
  });

  it('is unknown when no store could be read', () => {
    const r = splitData().check(input(adds(['a']), [store('s1', [], false)]));
    expect(r.valid).toBe('unknown');
  });
});
