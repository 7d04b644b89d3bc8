import { describe, expect, it } from 'vitest';
import { layout } from './topology-layout';

describe('topology layout', () => {
  it('puts the load balancer left of the instances it links to, instances stacked', () => {
    const nodes = ['lb', 'order-1', 'order-2'].map((name) => ({ name, role: 'r', image: 'i' }));
    const links = [
      { from: 'lb', to: 'order-1' },
      { from: 'lb', to: 'order-2' },
    ];
    const { placed, entries } = layout(nodes, links, 800, 300);
    expect(entries).toEqual(['lb']);
    expect(placed.get('lb')!.x).toBeLessThan(placed.get('order-1')!.x);
    expect(placed.get('order-1')!.x).toBe(placed.get('order-2')!.x);
    expect(placed.get('order-1')!.y).toBeLessThan(placed.get('order-2')!.y);
  });

  it('survives a cycle', () => {
    const nodes = ['a', 'b'].map((name) => ({ name, role: 'r', image: 'i' }));
    const { placed } = layout(
      nodes,
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
      ],
      600,
      200,
    );
    expect(placed.size).toBe(2);
  });
});
