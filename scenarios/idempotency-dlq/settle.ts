// When is an idempotency-dlq run over? When the consumer has handled every message: no lag,
// no message under retry, every order either paid or in the DLQ, the lab's DLQ reader has
// read the whole DLQ topic, and all of that held still for `stableMs`. If a message is lost
// for good the run never gets there: the client gives up after its maxMs and the checks
// count what is missing. Pure.

export interface DlqObservation {
  at: number;
  /** Order rows; null when unreadable. */
  orders: number | null;
  /** Orders with a payment row; null when unreadable. */
  paidOrders: number | null;
  dlqMessages: number | null;
  dlqSeen: number | null;
  lag: number | null;
  processing: number | null;
}

export interface SettleState {
  since: DlqObservation | null;
}

export function quiet(o: DlqObservation): boolean {
  return (
    o.orders !== null &&
    o.paidOrders !== null &&
    o.dlqMessages !== null &&
    o.lag === 0 &&
    o.processing === 0 &&
    o.dlqSeen === o.dlqMessages &&
    o.paidOrders + o.dlqMessages >= o.orders
  );
}

function same(a: DlqObservation, b: DlqObservation): boolean {
  return a.orders === b.orders && a.paidOrders === b.paidOrders && a.dlqMessages === b.dlqMessages;
}

export function settleStep(
  state: SettleState,
  o: DlqObservation,
  stableMs: number,
): { state: SettleState; settled: boolean } {
  if (!quiet(o)) return { state: { since: null }, settled: false };
  if (!state.since || !same(state.since, o)) return { state: { since: o }, settled: false };
  return { state, settled: o.at - state.since.at >= stableMs };
}
