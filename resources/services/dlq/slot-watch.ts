// What the cdc-admin role knows about the replication slot, sample after sample: how much WAL
// it holds back (from restart_lsn: what the server must keep) and how much the connector has
// not confirmed (from confirmed_flush_lsn), and what the slot held while no client was
// connected (the connector down). Pure: the role feeds it rows of pg_replication_slots.
//
// Released: the slot is in use again and its restart_lsn has passed the WAL position of the
// last moment it was seen inactive, so none of the WAL written while the connector was away
// is held any more. (restart_lsn moves in steps, so this comes some time after the connector
// has caught up.)
import { formatLsn, parseLsn } from './lsn';

export interface SlotRow {
  active: boolean;
  restart: string | null;
  confirmed: string | null;
  current: string;
}

export interface SlotSample {
  at: number;
  active: boolean;
  retainedBytes: number | null;
  unconfirmedBytes: number | null;
}

export class SlotWatch {
  last: SlotSample | null = null;
  /** The most WAL the slot held while it was inactive; null if it never was (after start). */
  peakInactiveBytes: number | null = null;
  inactiveSamples = 0;
  /** The WAL position at the last sample that found the slot inactive. */
  private heldUntil: bigint | null = null;
  private restart: bigint | null = null;

  add(row: SlotRow, at: number): SlotSample {
    const current = parseLsn(row.current);
    this.restart = row.restart === null ? null : parseLsn(row.restart);
    const diff = (lsn: string | null) => (lsn === null ? null : Number(current - parseLsn(lsn)));
    const s: SlotSample = {
      at,
      active: row.active,
      retainedBytes: diff(row.restart),
      unconfirmedBytes: diff(row.confirmed),
    };
    if (!s.active) {
      this.inactiveSamples++;
      this.heldUntil = current;
      if (s.retainedBytes !== null)
        this.peakInactiveBytes = Math.max(this.peakInactiveBytes ?? 0, s.retainedBytes);
    }
    this.last = s;
    return s;
  }

  /** The WAL position the slot must pass to have let go of the outage's WAL, or null. */
  get heldUntilLsn(): string | null {
    return this.heldUntil === null ? null : formatLsn(this.heldUntil);
  }

  /** True once the WAL written while the slot was inactive is no longer held; null if it never was. */
  released(): boolean | null {
    if (this.heldUntil === null || !this.last) return null;
    return this.last.active && this.restart !== null && this.restart >= this.heldUntil;
  }
}
