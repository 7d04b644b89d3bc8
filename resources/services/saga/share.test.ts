import { describe, it, expect } from 'vitest';
import { bucketOf, inShare } from './share';

describe('inShare', () => {
  it('is deterministic per seed and key', () => {
    expect(inShare(7, 'saga-001', 30)).toBe(inShare(7, 'saga-001', 30));
    expect(bucketOf(7, 'x')).toBe(bucketOf(7, 'x'));
  });

  it('0% never and 100% always', () => {
    for (let i = 0; i < 50; i++) {
      expect(inShare(1, `k${i}`, 0)).toBe(false);
      expect(inShare(1, `k${i}`, 100)).toBe(true);
    }
  });

  it('spreads keys close to the share asked for', () => {
    const n = 2000;
    let hit = 0;
    for (let i = 0; i < n; i++) if (inShare(3, `saga-${String(i).padStart(3, '0')}`, 20)) hit++;
    expect(hit / n).toBeGreaterThan(0.16);
    expect(hit / n).toBeLessThan(0.24);
  });

  it('another seed picks other keys', () => {
    const pick = (seed: number) => Array.from({ length: 100 }, (_, i) => inShare(seed, `k${i}`, 50)).join('');
    expect(pick(1)).not.toBe(pick(2));
  });
});
