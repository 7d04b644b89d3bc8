// When is an outbox-cdc run over? When nothing more can reach the consumer and the slot has
// let go of what it held: the connector and its task run, every committed order has been
// applied at least once (CDC loses nothing, so they all arrive: if one never does, the client
// gives up after its maxMs and the checks count it lost), the consumer has processed every
// message on the topic, the slot holds less WAL than at its peak while Connect was down
// (when it was ever down), and all of that held still for `stableMs`. Pure.

export interface CdcObservation {
  at: number;
  /** Rows in the writer's order table; null when unreadable. */
  orders: number | null;
  /** Distinct events the consumer applied; null when unreadable. */
  applied: number | null;
  /** Effects the consumer applied (duplicates included); null when unreadable. */
  effects: number | null;
  /** Consumer lag; null when unknown. */
  lag: number | null;
  /** The connector and its task run (false when Connect does not answer). */
  running: boolean;
  /** The slot released its peak while inactive: null when it never was inactive. */
  walReleased: boolean | null;
}

export interface SettleState {
  since: CdcObservation | null;
}

export function quiet(o: CdcObservation): boolean {
  return (
    o.running &&
    o.orders !== null &&
    o.applied !== null &&
    o.applied >= o.orders &&
    o.lag === 0 &&
    o.walReleased !== false
  );
}

function same(a: CdcObservation, b: CdcObservation): boolean {
  return a.orders === b.orders && a.applied === b.applied && a.effects === b.effects && a.lag === b.lag;
}

export function settleStep(
  state: SettleState,
  o: CdcObservation,
  stableMs: number,
): { state: SettleState; settled: boolean } {
  if (!quiet(o)) return { state: { since: null }, settled: false };
  if (!state.since || !same(state.since, o)) return { state: { since: o }, settled: false };
  return { state, settled: o.at - state.since.at >= stableMs };
}
