import { describe, it, expect } from 'vitest';
import { NamedPoints } from './named-points';

describe('NamedPoints', () => {
  it('passes through an unarmed point at once', async () => {
    const p = new NamedPoints();
    await p.reach('after-commit-before-publish');
    expect(p.hitsSince(0)).toEqual([]);
  });

  it('holds an armed point, reports the hit, and goes on when released', async () => {
    const p = new NamedPoints();
    p.arm('x');
    let passed = false;
    const held = p.reach('x', { id: 'o-1' }).then(() => (passed = true));
    const hits = await p.waitForHits(0, 1000);
    expect(hits.map((h) => [h.name, h.detail])).toEqual([['x', { id: 'o-1' }]]);
    await new Promise((r) => setTimeout(r, 10));
    expect(passed).toBe(false);
    expect(p.release('x')).toBe(1);
    await held;
    expect(passed).toBe(true);
  });

  it('an armed point fires only `count` times', async () => {
    const p = new NamedPoints();
    p.arm('y', 1);
    void p.reach('y');
    await p.reach('y'); // second pass is not held
    expect(p.hitsSince(0)).toHaveLength(1);
  });
});
