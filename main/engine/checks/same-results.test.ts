// The generic checkers were rewritten to run in linear time. These tests pin that they still
// give exactly what the straightforward versions gave (reference.fixture.ts), down to the
// order of examples and the wording of summaries, on many small random runs.
import { describe, expect, it } from 'vitest';
import { readYourWrites } from './read-your-writes';
import { splitData } from './split-data';
import { lostWrites, lastSeenIn } from './lost-writes';
import { divergenceSeries } from './divergence-series';
import { ackedIdsOf, ackedWrites, okReads, pairWithPositions, writesOf } from './history-views';
import { runChecks } from './compose';
import { convergence, convergenceOf, storesEqual } from './convergence';
import { duplicates } from './duplicates';
import { storeCounts } from './store-counts';
import { reference } from './reference.fixture';
import { randomRun } from './random-run.fixture';

const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const same = (a: unknown, b: unknown) => {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  expect(a).toStrictEqual(b);
};
const runs = () => [
  ...SEEDS.map((seed) => ({ seed, input: randomRun(seed) })),
  ...SEEDS.slice(0, 40).map((seed) => ({ seed: -seed, input: randomRun(seed * 7919, 600) })),
  ...SEEDS.slice(0, 60).map((seed) => ({ seed: -seed, input: randomRun(seed * 104729, 300, false) })),
];

describe('linear checkers give the results of the straightforward ones', () => {
  it('history views: pairs, writes, acknowledged writes, reads', () => {
    for (const { input } of runs()) {
      const h = input.history;
      same(pairWithPositions(h), reference.pairWithPositions(h));
      for (const f of ['add', 'list', 'other', 'none']) {
        same(writesOf(h, f), reference.writesOf(h, f));
        same(ackedWrites(h, f), reference.ackedWrites(h, f));
        same(
          ackedIdsOf(h, f),
          reference.ackedWrites(h, f).map((w) => w.id),
        );
        same(okReads(h, f), reference.okReads(h, f));
      }
    }
  });

  it('read-your-writes (and monotonic reads)', () => {
    for (const { input } of runs()) {
      same(readYourWrites().check(input), reference.readYourWrites().check(input));
      const o = { addF: 'other', readF: 'list' };
      same(readYourWrites(o).check(input), reference.readYourWrites(o).check(input));
    }
  });

  it('split-data', () => {
    for (const { input } of runs()) same(splitData().check(input), reference.splitData().check(input));
  });

  it('lost-writes and where a lost id was last seen', () => {
    for (const { input } of runs()) {
      same(lostWrites().check(input), reference.lostWrites().check(input));
      const ids = new Set(input.history.slice(0, 5).map((op) => (op.value as { id?: string })?.id ?? ''));
      same(lastSeenIn(input.events, ids), reference.lastSeenIn(input.events, ids));
    }
  });

  it('divergence series', () => {
    for (const { input } of runs()) {
      const acked = reference.ackedWrites(input.history);
      same(divergenceSeries(input.events, acked), reference.divergenceSeries(input.events, acked));
      // Unsorted and repeated acknowledgements too.
      const shuffled = [...acked].reverse().concat(acked.slice(0, 3));
      same(divergenceSeries(input.events, shuffled), reference.divergenceSeries(input.events, shuffled));
    }
  });

  it('convergence, duplicates, store counts', () => {
    for (const { input } of runs()) {
      same(convergenceOf(input.events), reference.convergenceOf(input.events));
      same(storesEqual(input.finalStores), reference.storesEqual(input.finalStores));
      for (const o of [{}, { requireConvergence: true }, { requireConvergence: true, withinMs: 20 }])
        same(convergence(o).check(input), reference.convergence(o).check(input));
      same(duplicates().check(input), reference.duplicates().check(input));
      same(storeCounts().check(input), reference.storeCounts().check(input));
    }
  });

  it('composed: the verdict split-stores would give, and more', () => {
    for (const { input } of runs()) {
      const lab = runChecks(
        [storeCounts(), splitData(), readYourWrites(), lostWrites(), convergence(), duplicates()],
        input,
      );
      const ref = runChecks(
        [
          reference.storeCounts(),
          reference.splitData(),
          reference.readYourWrites(),
          reference.lostWrites(),
          reference.convergence(),
          reference.duplicates(),
        ],
        input,
      );
      same(lab, ref);
    }
  });
});
