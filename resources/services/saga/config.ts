// The saga service's configuration, from the environment. One program plays every role of
// pack 3; ROLE picks one:
//   order         orders (saga steps create-order/confirm-order/cancel-order; with COPY_URL
//                 also POST /orders, a dual write: own database, then a copy in shipping)
//   inventory     stock per product: available / reserved / sold (reserve, release, commit-stock)
//   payment       charges (charge fails for FAIL_PERCENT of sagas, seeded; refund)
//   shipping      shipments (ship fails for FAIL_PERCENT of sagas, seeded; cancel-shipment),
//                 and the copy of the orders that reconciliation checks
//   orchestrator  drives every saga step by step from its persisted saga log
//   gateway       the synchronous coordinator: calls every participant, rolls back on failure
//   reconciler    the consistency validation job: compares order's rows with shipping's copy
//   product, details  composition vs CQRS (read-model.ts): product data, and order details from it
// Environment:
//   ROLE, NODE_NAME (role), PORT (8080)
//   PGHOST/PGPORT/PGUSER/PGPASSWORD (libpq's), SERVICE_DB (the role's own database, created at
//     start if missing), PG_ADMIN_DB (lab: the database connected to for CREATE DATABASE)
//   SEED (1), FAIL_PERCENT (0), IDEMPOTENT (true), BROKEN_COMPENSATION (false)
//   PRODUCTS ("p1:20,p2:20": product:initial stock, inventory only), PRICE (10)
//   ORDER_URL, INVENTORY_URL, PAYMENT_URL, SHIPPING_URL (http://<name>:8080)
//   COPY_URL, DRIFT_PERCENT (order's dual write); SOURCE_URL, PERIOD_MS (1000), GRACE_MS (1000),
//   RECONCILE (true) (reconciler); CALL_TIMEOUT_MS (2000)

export const ROLES = [
  'order',
  'inventory',
  'payment',
  'shipping',
  'orchestrator',
  'gateway',
  'reconciler',
  'product',
  'details',
] as const;
export type Role = (typeof ROLES)[number];

export type Participant = 'order' | 'inventory' | 'payment' | 'shipping';

export interface Product {
  id: string;
  stock: number;
}

export interface Config {
  role: Role;
  node: string;
  port: number;
  database: string;
  adminDatabase: string;
  seed: number;
  failPercent: number;
  idempotent: boolean;
  brokenCompensation: boolean;
  products: Product[];
  price: number;
  peers: Record<Participant, string>;
  copyUrl: string | null;
  driftPercent: number;
  sourceUrl: string | null;
  periodMs: number;
  graceMs: number;
  reconcile: boolean;
  callTimeoutMs: number;
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new Error(`${name} must be an integer from 0 to ${max}, not "${v}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return dflt;
  if (['true', '1', 'on', 'yes'].includes(v)) return true;
  if (['false', '0', 'off', 'no'].includes(v)) return false;
  throw new Error(`${name} must be true or false, not "${v}"`);
}

export function parseProducts(text: string): Product[] {
  const out: Product[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9_-]+):(\d+)$/.exec(part);
    if (!m) throw new Error(`PRODUCTS must look like "p1:20,p2:20", not "${text}"`);
    if (out.some((p) => p.id === m[1])) throw new Error(`PRODUCTS names ${m[1]} twice`);
    out.push({ id: m[1], stock: Number(m[2]) });
  }
  return out;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const role = env.ROLE as Role;
  if (!ROLES.includes(role)) throw new Error(`ROLE must be one of ${ROLES.join(', ')}, not "${env.ROLE}"`);
  const url = (name: string, dflt: string) => (env[name] || dflt).replace(/\/+$/, '');
  return {
    role,
    node: env.NODE_NAME || role,
    port: int(env, 'PORT', 8080, 65535),
    database: env.SERVICE_DB || role,
    adminDatabase: env.PG_ADMIN_DB || 'lab',
    seed: int(env, 'SEED', 1),
    failPercent: int(env, 'FAIL_PERCENT', 0, 100),
    idempotent: bool(env, 'IDEMPOTENT', true),
    brokenCompensation: bool(env, 'BROKEN_COMPENSATION', false),
    products: parseProducts(env.PRODUCTS ?? 'p1:20,p2:20'),
    price: int(env, 'PRICE', 10),
    peers: {
      order: url('ORDER_URL', 'http://order:8080'),
      inventory: url('INVENTORY_URL', 'http://inventory:8080'),
      payment: url('PAYMENT_URL', 'http://payment:8080'),
      shipping: url('SHIPPING_URL', 'http://shipping:8080'),
    },
    copyUrl: env.COPY_URL ? url('COPY_URL', '') : null,
    driftPercent: int(env, 'DRIFT_PERCENT', 0, 100),
    sourceUrl: env.SOURCE_URL ? url('SOURCE_URL', '') : null,
    periodMs: int(env, 'PERIOD_MS', 1000),
    graceMs: int(env, 'GRACE_MS', 1000),
    reconcile: bool(env, 'RECONCILE', true),
    callTimeoutMs: int(env, 'CALL_TIMEOUT_MS', 2000),
  };
}
