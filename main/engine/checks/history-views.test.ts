import { describe, expect, it } from 'vitest';
import { ackedIdsOf, ackedWrites, okReads, pairWithPositions, writesOf } from './history-views';
import { withSharedViews } from './shared-views';
import { runChecks } from './compose';
import { op } from './history.fixture';
import type { Checker } from '../scenario';

const history = [
  op('c1', 'invoke', 'add', { id: 'a' }, 0),
  op('c2', 'invoke', 'list', null, 1),
  op('c1', 'ok', 'add', { id: 'a' }, 20),
  op('c2', 'ok', 'list', { ids: ['a'] }, 5),
  op('c1', 'invoke', 'add', { id: 'b' }, 30),
  op('c1', 'ok', 'add', { id: 'b' }, 10),
];

describe('history views', () => {
  it('acknowledged writes come in the order acknowledged, equal times in history order', () => {
    expect(ackedWrites(history)).toEqual([
      { id: 'b', t: 10 },
      { id: 'a', t: 20 },
    ]);
    const tie = [
      ...history.slice(0, 4),
      op('c1', 'invoke', 'add', { id: 'c' }, 30),
      op('c1', 'ok', 'add', { id: 'c' }, 20),
    ];
    expect(ackedWrites(tie).map((w) => w.id)).toEqual(['a', 'c']);
  });

  it('with times in order, equal times come in the order invoked, not the order completed', () => {
    const h = [
      op('c1', 'invoke', 'add', { id: 'a' }, 0),
      op('c2', 'invoke', 'add', { id: 'b' }, 1),
      op('c3', 'invoke', 'add', { id: 'c' }, 2),
      op('c3', 'ok', 'add', { id: 'c' }, 5),
      op('c2', 'ok', 'add', { id: 'b' }, 5),
      op('c1', 'ok', 'add', { id: 'a' }, 7),
      op('c2', 'invoke', 'add', { id: 'd' }, 8),
      op('c2', 'ok', 'add', { id: 'd' }, 9),
    ];
    expect(ackedWrites(h)).toEqual([
      { id: 'b', t: 5 },
      { id: 'c', t: 5 },
      { id: 'a', t: 7 },
      { id: 'd', t: 9 },
    ]);
    expect(ackedIdsOf(h)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('are computed afresh outside withSharedViews', () => {
    expect(writesOf(history, 'add')).not.toBe(writesOf(history, 'add'));
  });

  it('are computed once per history and function inside withSharedViews, and not kept after', () => {
    const other = history.slice(0, 3);
    const same = withSharedViews(() => {
      const w = writesOf(history, 'add');
      expect(writesOf(history, 'add')).toBe(w);
      expect(pairWithPositions(history)).toBe(pairWithPositions(history));
      expect(okReads(history, 'list')).toBe(okReads(history, 'list'));
      expect(ackedWrites(history, 'add')).toBe(ackedWrites(history, 'add'));
      // Another history, another function: their own views.
      expect(writesOf(other, 'add')).toHaveLength(1);
      expect(writesOf(history, 'list')).toEqual([]);
      return w;
    });
    expect(writesOf(history, 'add')).not.toBe(same);
    expect(writesOf(history, 'add')).toEqual(same);
  });

  it('a history that grew meanwhile is viewed again', () => {
    const h = history.slice(0, 3);
    withSharedViews(() => {
      expect(writesOf(h, 'add')).toHaveLength(1);
      h.push(op('c1', 'invoke', 'add', { id: 'z' }, 40));
      expect(writesOf(h, 'add')).toHaveLength(2);
    });
  });

  it('runChecks shares them between its checkers, and a checker that throws ends the sharing too', () => {
    const seen: unknown[] = [];
    const looks: Checker = {
      name: 'looks',
      check(input) {
        seen.push(writesOf(input.history, 'add'));
        return { name: 'looks', valid: true, summary: '', anomalies: {}, examples: {} };
      },
    };
    const throws: Checker = {
      name: 'throws',
      check() {
        throw new Error('boom');
      },
    };
    const v = runChecks([looks, throws, looks], { params: {}, history, finalStores: [], events: [] });
    expect(v.valid).toBe('unknown');
    expect(seen[0]).toBe(seen[1]);
    expect(writesOf(history, 'add')).not.toBe(seen[0]);
  });
});
