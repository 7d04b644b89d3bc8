// The building blocks a composed experiment is made of: order service instances (each with
// its embedded store), a round-robin HAProxy in front of them, the stores the lab reads.
// The built-in split-stores scenario is made of these same blocks.
import type { ContainerSpec, StoreSpec } from '../scenario';
import type { TopologyLink } from '../events';
import { QUICK_ARP_SYSCTLS } from '../quick-arp';

export const ORDER_PORT = 8080;
export const LB_NAME = 'lb';

export function orderInstanceNames(instances: number): string[] {
  return Array.from({ length: instances }, (_, i) => `order-${i + 1}`);
}

export function orderServiceContainer(name: string, store: string): ContainerSpec {
  return {
    name,
    role: 'service',
    image: 'service',
    env: { NODE_NAME: name, PORT: String(ORDER_PORT), STORE_MODE: store },
    ports: [ORDER_PORT],
    wait: { kind: 'http', port: ORDER_PORT, path: '/health' },
  };
}

export function haproxyContainer(backends: string[]): ContainerSpec {
  return {
    name: LB_NAME,
    role: 'load-balancer',
    image: 'haproxy',
    env: { BACKENDS: backends.map((x) => `${x}:${ORDER_PORT}`).join(',') },
    ports: [8080, 8404],
    sysctls: { ...QUICK_ARP_SYSCTLS },
    // Ready only when HAProxy's health checks see every instance UP.
    wait: {
      kind: 'http',
      port: 8404,
      path: '/stats;csv',
      match: { pattern: String.raw`,order-\d+,[^\n]*?,UP,`, count: backends.length },
    },
    // HAProxy resolves the backends through Docker's DNS (every 100 ms) and health-checks them
    // itself: it starts together with them, no edge needed.
  };
}

export function orderStores(names: string[]): StoreSpec[] {
  return names.map((name) => ({ name, container: name, port: ORDER_PORT, path: '/orders' }));
}

export function roundRobinLinks(names: string[]): TopologyLink[] {
  return names.map((name) => ({ from: LB_NAME, to: name, label: 'round robin' }));
}
