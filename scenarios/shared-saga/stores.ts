// The stores the lab samples and reads at the end, each asked directly from the service
// that owns it. Pure.
import type { StoreSpec } from '../../main/engine/scenario';
import { C, PORT, SAGA_STATES, STORE, type Participant } from './names';

/**
 * Sagas by state (the orchestrator's log): the "sagas by state over time" probe. Gauges: a
 * count of sagas in a state is not a copy of the orders.
 */
export function sagaStateStores(): StoreSpec[] {
  return sagaStatesAt(C.orchestrator).map((s) => ({ ...s, kind: 'gauge', unit: 'sagas' }));
}

/** Sagas by state as the service `container` sees them, one store of rows per state. */
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
