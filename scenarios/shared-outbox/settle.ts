// When is an outbox scenario's run over? When nothing more can reach the consumer: every
// store answers, the outbox has no unsent row, the consumer has processed every message on
// the topic (lag 0), and all of that held still for `stableMs`. In dual-write the lost events
// never arrive, so "settled" is not "converged": it only means the final reads are final.
// Pure: the client feeds it observations.

export interface Observation {
  at: number;
  /** Rows in the writer's order table; null when unreadable. */
  orders: number | null;
  /** Unsent outbox rows (0 without an outbox); null when unreadable. */
  backlog: number | null;
  /** Consumer lag (messages on the topic it has not applied); null when unknown. */
  lag: number | null;
  /** Effects the consumer applied; null when unreadable. */
  effects: number | null;
}

export interface SettleState {
  /** The observation that started the current quiet stretch. */
  since: Observation | null;
}

export function quiet(o: Observation): boolean {
  return o.orders !== null && o.effects !== null && o.backlog === 0 && o.lag === 0;
}

function same(a: Observation, b: Observation): boolean {
  return a.orders === b.orders && a.effects === b.effects && a.backlog === b.backlog && a.lag === b.lag;
}

export function settleStep(
  state: SettleState,
  o: Observation,
  stableMs: number,
): { state: SettleState; settled: boolean } {
  if (!quiet(o)) return { state: { since: null }, settled: false };
  if (!state.since || !same(state.since, o)) return { state: { since: o }, settled: false };
  return { state, settled: o.at - state.since.at >= stableMs };
}
