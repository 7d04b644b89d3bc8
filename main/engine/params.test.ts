import { describe, it, expect } from 'vitest';
import { resolveParams, parseSetArgs } from './params';
import type { KnobSpec } from './scenario';

const knobs: KnobSpec[] = [
  { name: 'instances', kind: 'int', default: 2, min: 2, max: 5, label: { en: '', ko: '' } },
  {
    name: 'storeMode',
    kind: 'enum',
    default: 'memory',
    values: ['memory', 'file'],
    label: { en: '', ko: '' },
  },
  { name: 'idempotent', kind: 'bool', default: false, label: { en: '', ko: '' } },
];

describe('resolveParams', () => {
  it('fills defaults and coerces strings from --set', () => {
    expect(resolveParams('s', knobs, { instances: '3', idempotent: 'on' })).toEqual({
      instances: 3,
      storeMode: 'memory',
      idempotent: true,
    });
  });

  it('names the knob and its allowed values on a bad value', () => {
    expect(() => resolveParams('s', knobs, { instances: '9' })).toThrow(/instances: an integer from 2 to 5/);
    expect(() => resolveParams('s', knobs, { storeMode: 'disk' })).toThrow(/one of memory \| file/);
    expect(() => resolveParams('s', knobs, { instances: '2.5' })).toThrow(/PARAM|integer/);
  });

  it('rejects an unknown knob and lists the real ones', () => {
    expect(() => resolveParams('s', knobs, { replicas: '2' })).toThrow(
      /no knob 'replicas'.*instances, storeMode, idempotent/,
    );
  });
});

describe('parseSetArgs', () => {
  it('splits key=value on the first =', () => {
    expect(parseSetArgs(['a=1', 'b=x=y'])).toEqual({ a: '1', b: 'x=y' });
  });
  it('rejects a pair without =', () => {
    expect(() => parseSetArgs(['orders'])).toThrow(/key=value/);
  });
});
