import { describe, it, expect } from 'vitest';
import { buildVariants, parseVariantArg } from './compare-variants';
import { getScenario } from '../../../scenarios';
import { parseFaultArg } from '../faults-arg';

const base = { sets: {}, faults: [], getScenario, seed: 1 };

describe('compare variants', () => {
  it('parses scenario[:k=v,k=v]', () => {
    expect(parseVariantArg('outbox-polling:pollMs=50,idempotent=false')).toEqual({
      id: 'outbox-polling',
      own: { pollMs: '50', idempotent: 'false' },
    });
    expect(parseVariantArg('dual-write')).toEqual({ id: 'dual-write', own: {} });
    expect(() => parseVariantArg('x:nokv')).toThrow(/key=value/);
  });

  it('applies a shared --set to every variant that has the knob; its own values win', () => {
    const v = buildVariants({
      ...base,
      args: ['dual-write', 'outbox-polling:orders=12'],
      sets: { orders: '20', pollMs: '50' },
    });
    expect(v.map((x) => x.params.orders)).toEqual([20, 12]);
    expect(v[0].raw).toEqual({ orders: '20' });
    expect(v[1].params.pollMs).toBe(50);
  });

  it('refuses a --set no variant knows, an unknown scenario, and fewer than two variants', () => {
    expect(() =>
      buildVariants({ ...base, args: ['dual-write', 'outbox-polling'], sets: { nope: '1' } }),
    ).toThrow(/no variant has a knob 'nope'/);
    expect(() => buildVariants({ ...base, args: ['dual-write', 'no-such'] })).toThrow(/unknown scenario/);
    expect(() => buildVariants({ ...base, args: ['dual-write'] })).toThrow(/at least two/);
  });

  it('gives a shared --fault only to variants that have its target', () => {
    const arg = 'kill:relay@relay-after-publish-before-mark';
    const v = buildVariants({
      ...base,
      args: ['dual-write', 'outbox-polling'],
      sets: { fault: 'none' },
      faults: [{ arg, step: parseFaultArg(arg) }],
    });
    expect(v[0].faults).toEqual([]);
    expect(v[0].skippedFaults[0]).toMatch(/dual-write has no container 'relay'/);
    expect(v[1].faults).toHaveLength(1);
  });

  it('labels repeated variants apart', () => {
    const v = buildVariants({ ...base, args: ['outbox-polling', 'outbox-polling'] });
    expect(v.map((x) => x.label)).toEqual(['outbox-polling', 'outbox-polling #2']);
  });
});
