// The stores the lab samples and reads at the end, each asked directly from the service
// that owns it. Pure.
import type { StoreSpec } from '../../main/engine/scenario';
import { C, PORT, SAGA_STATES, STORE, type Participant } from './names';

/**
 * Sagas by state as the service `container` sees them (the orchestrator's log, or the order
 * service in choreography): the "sagas by state over time" probe, one per state. Gauges: the
 * sagas in a state are not a copy of the orders (their ids still let the checks name them).
 */
export function sagaStateStores(container: string = C.orchestrator): StoreSpec[] {
  return sagaStatesAt(container).map((s) => ({ ...s, kind: 'gauge', unit: 'sagas' }));
}

/** Sagas by state as the service `container` sees them, one store per state (no kind). */
export function sagaStatesAt(container: string): StoreSpec[] {
  return SAGA_STATES.map((state) => ({
    name: STORE.sagas(state),
    container,
    port: PORT,
    path: `/sagas?state=${state}`,
  }));
}

/** Orders live at each participant (not undone): who holds what. */
export function liveStores(participants: readonly Participant[]): StoreSpec[] {
  const name = {
    order: STORE.ordersLive,
    inventory: STORE.stockLive,
    payment: STORE.chargesLive,
    shipping: STORE.shipmentsLive,
  };
  return participants.map((p) => ({ name: name[p], container: C[p], port: PORT, path: '/live' }));
}
