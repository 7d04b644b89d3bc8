// The containers of the saga-service scenarios: one PostgreSQL server holding a database per
// service (each service creates its own at start and never reads another's), and one
// container per service role. Pure.
import type { ContainerSpec, KnobValue, Params } from '../../main/engine/scenario';
import type { TopologyLink } from '../../main/engine/events';
import { C, IMAGE, PARTICIPANTS, PG, PORT, productIds, type Participant } from './names';

export interface ServiceSpec {
  name: string;
  role: 'order' | 'inventory' | 'payment' | 'shipping' | 'orchestrator' | 'gateway' | 'reconciler';
  env?: Record<string, string>;
  /** Containers that must be ready first (besides the database). */
  after?: string[];
}

export function databaseContainer(): ContainerSpec {
  return {
    name: C.db,
    role: 'database',
    image: 'postgres',
    env: {
      POSTGRES_USER: PG.user,
      POSTGRES_PASSWORD: PG.password,
      POSTGRES_DB: PG.database,
      // Safe against a killed container (the kernel keeps the page cache), and faster.
      POSTGRES_FSYNC: 'off',
    },
    ports: [5432],
    wait: { kind: 'exec', cmd: ['postgres-ready'], timeoutMs: 60_000 },
  };
}

export function serviceContainer(s: ServiceSpec): ContainerSpec {
  const usesDb = s.role !== 'gateway';
  return {
    name: s.name,
    role: s.role,
    image: IMAGE,
    env: {
      ROLE: s.role,
      NODE_NAME: s.name,
      PORT: String(PORT),
      ...(usesDb
        ? {
            PGHOST: C.db,
            PGUSER: PG.user,
            PGPASSWORD: PG.password,
            PG_ADMIN_DB: PG.database,
            SERVICE_DB: s.name,
          }
        : {}),
      ...(s.env ?? {}),
    },
    ports: [PORT],
    wait: { kind: 'http', port: PORT, path: '/health', timeoutMs: 60_000 },
    dependsOn: [...(usesDb ? [C.db] : []), ...(s.after ?? [])],
  };
}

export function urlOf(name: string): string {
  return `http://${name}:${PORT}`;
}

/** PRODUCTS for the inventory: "p1:20,p2:20". */
export function productsEnv(ids: string[], stock: number): string {
  return ids.map((id) => `${id}:${stock}`).join(',');
}

/**
 * Each participant's env: `common` for all; the inventory's products, stock and whether its
 * compensation is broken; the share of payments and shipments that fail.
 */
export function participantEnvs(
  p: Params,
  common: Record<string, string>,
  shippingFailPercent: KnobValue,
): Record<Participant, Record<string, string>> {
  return {
    order: common,
    inventory: {
      ...common,
      PRODUCTS: productsEnv(productIds(p.products as number), p.stock as number),
      BROKEN_COMPENSATION: String(p.brokenCompensation),
    },
    payment: { ...common, FAIL_PERCENT: String(p.paymentFailPercent) },
    shipping: { ...common, FAIL_PERCENT: String(shippingFailPercent) },
  };
}

/** One container per participant, in PARTICIPANTS order, each after `after` (besides the database). */
export function participantContainers(
  envs: Record<Participant, Record<string, string>>,
  after?: string[],
): ContainerSpec[] {
  return PARTICIPANTS.map((r) => serviceContainer({ name: C[r], role: r, env: envs[r], after }));
}

/** A link from each service to the database server it keeps its own database in. */
export function sqlLinks(services: readonly (keyof typeof C)[]): TopologyLink[] {
  return services.map((from) => ({ from: C[from], to: C.db, label: `SQL (database ${from})` }));
}
