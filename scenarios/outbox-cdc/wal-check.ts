// The replication slot while Connect was down, from the lab's probe samples of the slot's
// retained WAL: one row per KiB (current WAL position - restart_lsn), each id the WAL position
// where that KiB begins, so the first id is the slot's restart_lsn. For each outage of the
// Connect container (from the kill taking effect until it answers again):
//   before   KiB held at the last sample before the outage
//   end      KiB held at the last sample of the outage: the slot kept the WAL written meanwhile
//   peak     the most held from the kill until the release (Connect still has to resume the
//            connector and catch up after it answers, and restart_lsn moves only in steps)
//   release  the first sample whose restart_lsn has passed the WAL position at the end of the
//            outage: none of the outage's WAL is held any more
// The claim (seed 003: "Debezium이 다운되더라도 데이터베이스의 로그가 사라지지 않기 때문에
// 안전합니다"): the slot keeps the WAL while Connect is down (end > before) and lets it go once
// Connect has read it again (released by the end of the run). A slot that never lets go is a
// real problem (the disk fills): invalid, 'wal-not-released'. No WAL written during the
// outage: nothing to show, unknown. Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult, Validity } from '../../main/engine/checks';
import { pairFaults } from '../../main/engine/reports/fault-intervals';

export const WAL_NOT_RELEASED = 'wal-not-released';

export interface WalOutage {
  from: number;
  to: number | null;
  beforeKiB: number | null;
  endKiB: number | null;
  peakKiB: number | null;
  finalKiB: number | null;
  /** WAL position at the end of the outage (the start of its last KiB). */
  endLsn: string | null;
  /** From the end of the outage to the first sample that no longer held its WAL. */
  releasedAfterMs: number | null;
  released: boolean;
}

interface Sample {
  t: number;
  kib: number;
  /** restart_lsn: the first id; null when the slot held nothing (or ids were not recorded). */
  restart: bigint | null;
  /** The start of the last KiB held. */
  last: bigint | null;
}

const KIB = 1024n;
const DOWN_KINDS = new Set(['kill', 'stop', 'pause', 'point']);

/** A WAL position ("16/B374D848") as a number; null if it is not one. */
export function parseLsn(text: string | undefined): bigint | null {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text ?? '');
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

function sampleOf(t: number, rows: number, ids: readonly string[] | undefined): Sample {
  return { t, kib: rows, restart: parseLsn(ids?.[0]), last: parseLsn(ids?.[ids.length - 1]) };
}

/** The sample no longer holds any WAL at or before `endLast` (+ the KiB it starts). */
function freed(s: Sample, endLast: bigint): boolean {
  return s.kib === 0 || (s.restart !== null && s.restart >= endLast + KIB);
}

export function walRetained(o: { store: string; target: string }): Checker {
  return {
    name: 'wal-retained',
    check(input: CheckInput): CheckResult {
      const samples = input.events
        .flatMap((e) =>
          e.type === 'sample' && e.store === o.store && e.rows !== null ? [sampleOf(e.t, e.rows, e.ids)] : [],
        )
        .sort((a, b) => a.t - b.t);
      const fs = input.finalStores.find((s) => s.name === o.store);
      const final: Sample | null = fs?.available
        ? sampleOf(Infinity, fs.rows, fs.ids)
        : (samples[samples.length - 1] ?? null);
      const outages = pairFaults(input.events).filter((f) => f.target === o.target && DOWN_KINDS.has(f.kind));
      const zero = { [WAL_NOT_RELEASED]: 0 };
      if (!outages.length)
        return {
          name: 'wal-retained',
          valid: true,
          summary: `${o.target} was never down; the slot held ${final?.kib ?? '?'} KiB at the end`,
          anomalies: zero,
          examples: {},
          stats: { finalKiB: final?.kib ?? null, outages: [] },
        };
      const rows: WalOutage[] = outages.map((f) => {
        const before = samples.filter((s) => s.t <= f.at).pop() ?? null;
        const end = samples.filter((s) => s.t >= f.at && (f.until === null || s.t <= f.until)).pop() ?? null;
        const release =
          f.until === null || end?.last == null
            ? undefined
            : samples.find((s) => s.t > f.until! && freed(s, end.last!));
        const upTo = release?.t ?? Infinity;
        const held = samples.filter((s) => s.t >= f.at && s.t <= upTo).map((s) => s.kib);
        const released = f.until !== null && end?.last != null && final !== null && freed(final, end.last);
        return {
          from: f.at,
          to: f.until,
          beforeKiB: before?.kib ?? null,
          endKiB: end?.kib ?? null,
          peakKiB: held.length ? held.reduce((m, k) => Math.max(m, k), -Infinity) : null,
          finalKiB: final?.kib ?? null,
          endLsn: end?.last == null ? null : formatLsn(end.last + KIB),
          releasedAfterMs: release ? release.t - f.until! : null,
          released,
        };
      });
      const rose = rows.filter((r) => r.endKiB !== null && r.beforeKiB !== null && r.endKiB > r.beforeKiB);
      const notReleased = rose.filter((r) => !r.released);
      let valid: Validity = true;
      if (notReleased.length) valid = false;
      else if (!rose.length) valid = 'unknown';
      const describe = (r: WalOutage) =>
        `${o.target} down ${(r.from / 1000).toFixed(1)}-${r.to === null ? 'end' : (r.to / 1000).toFixed(1)} s: ` +
        `the slot held ${r.beforeKiB ?? '?'} KiB before, ${r.endKiB ?? '?'} KiB when Connect answered again, ` +
        `${r.peakKiB ?? '?'} KiB at most; ` +
        (r.released
          ? `the outage's WAL was released ${r.releasedAfterMs === null ? '' : `${(r.releasedAfterMs / 1000).toFixed(1)} s `}after Connect was back`
          : `the outage's WAL (up to ${r.endLsn ?? '?'}) was still held at the end`);
      const tail =
        valid === 'unknown'
          ? '; no WAL was written while it was down, nothing to show'
          : `; ${final?.kib ?? '?'} KiB at the end`;
      return {
        name: 'wal-retained',
        valid,
        summary: `${rows.map(describe).join('; ')}${tail}`,
        anomalies: { [WAL_NOT_RELEASED]: notReleased.length },
        examples: notReleased.length ? { [WAL_NOT_RELEASED]: notReleased.slice(0, 5) } : {},
        stats: { finalKiB: final?.kib ?? null, outages: rows },
      };
    },
  };
}
