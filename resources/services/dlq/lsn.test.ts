import { describe, it, expect } from 'vitest';
import { formatLsn, kibIds, parseLsn } from './lsn';

describe('LSNs', () => {
  it('parse and format as PostgreSQL does', () => {
    expect(parseLsn('0/1930A58')).toBe(0x1930a58n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(formatLsn(parseLsn('16/B374D848'))).toBe('16/B374D848');
    expect(() => parseLsn('x')).toThrow(/not an LSN/);
  });

  it('one id per started KiB of WAL between two positions', () => {
    const from = parseLsn('0/1000');
    expect(kibIds(from, from)).toEqual([]);
    expect(kibIds(from, from + 1n)).toEqual(['0/1000']);
    expect(kibIds(from, from + 1024n)).toEqual(['0/1000']);
    expect(kibIds(from, from + 2049n)).toEqual(['0/1000', '0/1400', '0/1800']);
    expect(kibIds(from + 5n, from)).toEqual([]);
    expect(kibIds(from, from + 10_000n, 2)).toHaveLength(2);
  });
});
