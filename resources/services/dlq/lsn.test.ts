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
    // 2049 bytes: three KiB started; after the first, counted back from the end (0/1801).
    expect(kibIds(from, from + 2049n)).toEqual(['0/1000', '0/1001', '0/1401']);
    // The last id + 1 KiB is the end itself.
    const ids = kibIds(from, from + 5000n);
    expect(ids).toHaveLength(5);
    expect(parseLsn(ids[ids.length - 1]) + 1024n).toBe(from + 5000n);
    expect(kibIds(from + 5n, from)).toEqual([]);
    expect(kibIds(from, from + 10_000n, 2)).toHaveLength(2);
  });
});
