// The containers of the saga-service scenarios: one PostgreSQL server holding a database per
// service (each service creates its own at start and never reads another's), and one
// container per service role. Pure.
import type { ContainerSpec } from '../../main/engine/scenario';
import { C, IMAGE, PG, PORT } from './names';

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
