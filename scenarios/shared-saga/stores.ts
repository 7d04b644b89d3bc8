// The stores the lab samples and reads at the end, each asked directly from the service
// that owns it. Pure.
import type { StoreSpec } from '../../main/engine/scenario';
import { C, PORT, SAGA_STATES, STORE } from './names';

/**
 * Sagas by state (the orchestrator's log): the "sagas by state over time" probe. Gauges: a
 * count of sagas in a state is not a copy of the orders.
 */
export function sagaStateStores(): StoreSpec[] {
  return SAGA_STATES.map((state) => ({
    name: STORE.sagas(state),
    container: C.orchestrator,
    port: PORT,
    path: `/sagas?state=${state}`,
    kind: 'gauge',
    unit: 'sagas',
  }));
}

/** Orders live at each participant (not undone): who holds what. */
export function liveStores(participants: ('order' | 'inventory' | 'payment' | 'shipping')[]): StoreSpec[] {
  const name = {
    order: STORE.ordersLive,
    inventory: STORE.stockLive,
    payment: STORE.chargesLive,
    shipping: STORE.shipmentsLive,
  };
  return participants.map((p) => ({ name: name[p], container: C[p], port: PORT, path: '/live' }));
}
