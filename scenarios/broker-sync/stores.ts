// Each instance shows the lab two stores: its state (the orders it holds, what its users
// read) and its log of applied events (one entry per application, in the order applied).
import type { StoreSpec } from '../../main/engine/scenario';
import type { StoreSnapshot } from '../../main/engine/events';
import { SERVICE_PORT } from './topology';

const LOG_SUFFIX = ':log';

export function logStoreName(instance: string): string {
  return instance + LOG_SUFFIX;
}

export function isLogStore(name: string): boolean {
  return name.endsWith(LOG_SUFFIX);
}

export function instanceStores(names: string[]): StoreSpec[] {
  return names.flatMap((name): StoreSpec[] => [
    { name, container: name, port: SERVICE_PORT, path: '/orders' },
    { name: logStoreName(name), container: name, port: SERVICE_PORT, path: '/log' },
  ]);
}

export function logStores(stores: readonly StoreSnapshot[]): StoreSnapshot[] {
  return stores.filter((s) => isLogStore(s.name));
}

export function stateStores(stores: readonly StoreSnapshot[]): StoreSnapshot[] {
  return stores.filter((s) => !isLogStore(s.name));
}
