import { describe, it, expect } from 'vitest';
import type { RunEvent } from '../../main/engine/events';
import { input, store } from '../../main/engine/checks/history.fixture';
import { parseLsn, walRetained, WAL_NOT_RELEASED } from './wal-check';

const S = 'wal';
/** KiB ids from `fromKiB` (restart_lsn = fromKiB KiB) for `kib` KiB. */
const ids = (fromKiB: number, kib: number) =>
  Array.from({ length: kib }, (_, i) => `0/${((fromKiB + i) * 1024).toString(16).toUpperCase()}`);
/** A sample of the gauge with these ids (null: the slot could not be read). */
const sampleWith = (t: number, list: string[] | null): RunEvent => ({
  type: 'sample',
  t,
  probe: 'rows',
  store: S,
  rows: list === null ? null : list.length,
  ids: list ?? undefined,
});
const sample = (t: number, fromKiB: number, kib: number | null): RunEvent =>
  sampleWith(t, kib === null ? null : ids(fromKiB, kib));
const fault = (t: number, id: string, kind: 'kill' | 'start'): RunEvent => ({
  type: 'fault',
  t,
  id,
  request: { kind, target: 'connect' },
  source: 'lab',
  state: 'applied',
});
const check = (events: RunEvent[], final: [number, number] | null) =>
  walRetained({ store: S, target: 'connect' }).check(
    input([], final === null ? [store(S, [], false)] : [store(S, ids(final[0], final[1]))], events),
  );

// restart_lsn at 100 KiB; Connect down 1000-3000 while the WAL grows to 120 KiB.
const outage = [
  sample(0, 100, 5),
  sample(900, 100, 9),
  fault(1000, 'f1', 'kill'),
  sample(1500, 100, 14),
  sample(2000, 100, 20),
  sample(2900, 100, null),
  fault(3000, 'f2', 'start'),
];

/** ids as the cdc-admin role lists them: restart_lsn, then whole KiB counted back from the current position. */
const slotIds = (restart: number, current: number): string[] => {
  const n = Math.ceil((current - restart) / 1024);
  const hex = (x: number) => `0/${x.toString(16).toUpperCase()}`;
  return [hex(restart), ...Array.from({ length: n - 1 }, (_, i) => hex(current - (n - 1 - i) * 1024))];
};

describe('walRetained', () => {
  it('the end of the outage is the exact WAL position, not the end of a whole KiB (CI: 632 bytes short of it)', () => {
    const sampleAt = (t: number, restart: number, current: number) =>
      sampleWith(t, slotIds(restart, current));
    // restart_lsn 0/1D865C8 throughout the outage, the WAL at 0/1D8AE00 at its last sample; at
    // the end restart_lsn is 0/1D8AF50: past everything written while Connect was down.
    const events = [
      sampleAt(0, 0x1d865c8, 0x1d871c8),
      fault(1000, 'f1', 'kill'),
      sampleAt(2000, 0x1d865c8, 0x1d8ae00),
      fault(3000, 'f2', 'start'),
      sampleAt(5000, 0x1d8af50, 0x1d8cf50),
    ];
    const r = walRetained({ store: S, target: 'connect' }).check(
      input([], [store(S, slotIds(0x1d8af50, 0x1d8cf50))], events),
    );
    expect(r.anomalies).toEqual({ [WAL_NOT_RELEASED]: 0 });
    expect(r.valid).toBe(true);
    expect((r.stats as { outages: { endLsn: string }[] }).outages[0].endLsn).toBe('0/1D8AE00');
  });

  it('rises while Connect is down, released once restart_lsn passes the end of the outage: valid', () => {
    // 3500: caught up but restart_lsn only moved to 110 KiB; 4200: past 120 KiB.
    const r = check(
      [...outage, sample(3500, 100, 30), sample(3800, 110, 21), sample(4200, 121, 12)],
      [121, 13],
    );
    expect(r.valid).toBe(true);
    expect(r.anomalies).toEqual({ [WAL_NOT_RELEASED]: 0 });
    expect((r.stats as { outages: unknown[] }).outages).toEqual([
      {
        from: 1000,
        to: 3000,
        beforeKiB: 9,
        endKiB: 20,
        peakKiB: 30,
        finalKiB: 13,
        endLsn: '0/1E000',
        releasedAfterMs: 1200,
        released: true,
      },
    ]);
    expect(r.summary).toMatch(
      /held 9 KiB before, 20 KiB when Connect answered again, 30 KiB at most; the outage's WAL was released 1.2 s after/,
    );
  });

  it('150,000 samples in one outage: the peak without spreading them all into Math.max', () => {
    const many: RunEvent[] = Array.from({ length: 150_000 }, (_, i) => ({
      type: 'sample',
      t: 1000 + i / 100,
      probe: 'rows',
      store: S,
      rows: 10 + (i % 1000),
    }));
    const r = check(
      [sample(900, 100, 9), fault(1000, 'f1', 'kill'), ...many, fault(3000, 'f2', 'start')],
      [100, 9],
    );
    expect((r.stats as { outages: { peakKiB: number }[] }).outages[0].peakKiB).toBe(1009);
  });

  it('restart_lsn moved, but not past the outage: not released, invalid', () => {
    const r = check([...outage, sample(3500, 110, 25)], [110, 25]);
    expect(r.valid).toBe(false);
    expect(r.anomalies[WAL_NOT_RELEASED]).toBe(1);
    expect(r.summary).toMatch(/the outage's WAL \(up to 0\/1E000\) was still held at the end/);
  });

  it('never started again: invalid', () => {
    expect(check([sample(0, 1, 1), fault(1000, 'f1', 'kill'), sample(2000, 1, 4)], [1, 4]).valid).toBe(false);
  });

  it('a slot holding nothing at the end has released everything', () => {
    expect(check([...outage, sample(3500, 200, 0)], [200, 0]).valid).toBe(true);
  });

  it('nothing written while down: unknown; never down: valid', () => {
    const flat = [
      sample(0, 1, 3),
      fault(1000, 'f1', 'kill'),
      sample(1500, 1, 3),
      fault(2000, 'f2', 'start'),
      sample(2500, 9, 1),
    ];
    expect(check(flat, [9, 1]).valid).toBe('unknown');
    const never = check([sample(0, 1, 3), sample(500, 1, 4)], [1, 4]);
    expect(never.valid).toBe(true);
    expect(never.summary).toMatch(/never down; the slot held 4 KiB/);
  });

  it('the final store unreadable: the last sample stands for it', () => {
    const r = check([...outage, sample(4200, 130, 2)], null);
    expect(r.valid).toBe(true);
    expect((r.stats as { finalKiB: number }).finalKiB).toBe(2);
  });

  it('parses WAL positions', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn('x')).toBeNull();
    expect(parseLsn(undefined)).toBeNull();
  });
});
