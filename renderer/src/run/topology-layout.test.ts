import { describe, expect, it } from 'vitest';
import { COLUMN_GAP, layout, NODE_W } from './topology-layout';

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

  it('keeps columns apart when they do not fit: the drawing gets wider instead', () => {
    const chain = ['lb', 'order-2', 'toxiproxy', 'kafka-1'];
    const nodes = chain.map((name) => ({ name, role: 'r', image: 'i' }));
    const links = chain.slice(1).map((to, i) => ({ from: chain[i], to }));
    const narrow = layout(nodes, links, 640, 200);
    const xs = chain.map((n) => narrow.placed.get(n)!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(NODE_W + COLUMN_GAP);
    expect(narrow.width).toBeGreaterThan(640);
    expect(Math.max(...xs) + NODE_W / 2).toBeLessThanOrEqual(narrow.width);
    // Room enough: the width given is kept.
    expect(layout(nodes, links, 1400, 200).width).toBe(1400);
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
