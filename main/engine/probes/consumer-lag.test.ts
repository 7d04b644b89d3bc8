import { describe, expect, it } from 'vitest';
import { groupLag, lagSeriesName, topicLag } from './consumer-lag';

describe('consumer lag', () => {
  const ends = [
    { partition: 0, high: '10', low: '0' },
    { partition: 1, high: '7', low: '2' },
    { partition: 2, high: '5', low: '0' },
  ];

  it('sums log-end minus committed over the partitions', () => {
    expect(
      topicLag(ends, [
        { partition: 0, offset: '10' },
        { partition: 1, offset: '4' },
        { partition: 2, offset: '5' },
      ]),
    ).toBe(3);
  });

  it('counts a partition without a commit from its log start', () => {
    expect(
      topicLag(ends, [
        { partition: 0, offset: '-1' },
        { partition: 2, offset: '' },
      ]),
    ).toBe(10 + 5 + 5);
  });

  it('never goes below zero on a partition (a commit read before the end offset moved)', () => {
    expect(topicLag([{ partition: 0, high: '3', low: '0' }], [{ partition: 0, offset: '4' }])).toBe(0);
  });

  it('adds up a group over its topics; a topic with no offsets counts 0', () => {
    const lag = groupLag(
      ['a', 'b', 'missing'],
      new Map([
        ['a', [{ partition: 0, high: '4', low: '0' }]],
        ['b', [{ partition: 0, high: '9', low: '0' }]],
      ]),
      new Map([
        ['a', [{ partition: 0, offset: '1' }]],
        ['b', [{ partition: 0, offset: '9' }]],
      ]),
    );
    expect(lag).toBe(3);
  });

  it('names the series lag:<group>', () => {
    expect(lagSeriesName('sync-order-1')).toBe('lag:sync-order-1');
  });
});
