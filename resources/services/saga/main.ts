// The saga service: one program, one role per container (ROLE; see config.ts). Every role
// except the gateway owns a database on the shared PostgreSQL server.
import { parseConfig, type Config } from './config';
import { openDb, ensureDatabase, ensureSchema, type Db } from './db';
import { startServer, type Routes } from './server';
import { httpCaller } from './peer';
import { points } from '../lib/named-points';
import { ORDER_SCHEMA, orderRoutes } from './order';
import { INVENTORY_SCHEMA, inventoryRoutes, seedProducts } from './inventory';
import { PAYMENT_SCHEMA, paymentRoutes } from './payment';
import { SHIPPING_SCHEMA, shippingRoutes } from './shipping';
import { SAGA_LOG_SCHEMA } from './orchestrator/saga-log';
import { createOrchestrator } from './orchestrator/orchestrator';
import { gatewayRoutes } from './gateway';
import { RECONCILER_SCHEMA, createReconciler } from './reconciler/reconciler';
import { PRODUCT_SCHEMA, DETAILS_SCHEMA, createProduct, createDetails } from './read-model';
import { createChoreography, type ChoreoParticipant } from './choreography';

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

const SCHEMAS: Record<Config['role'], readonly string[] | null> = {
  order: ORDER_SCHEMA,
  inventory: INVENTORY_SCHEMA,
  payment: PAYMENT_SCHEMA,
  shipping: SHIPPING_SCHEMA,
  orchestrator: SAGA_LOG_SCHEMA,
  gateway: null,
  reconciler: RECONCILER_SCHEMA,
  product: PRODUCT_SCHEMA,
  details: DETAILS_SCHEMA,
};

async function openOwnDb(cfg: Config): Promise<Db> {
  await ensureDatabase(cfg.adminDatabase, cfg.database, log);
  const db = openDb(cfg.database, cfg.node, log);
  const schema = SCHEMAS[cfg.role];
  if (schema) await ensureSchema(db, schema);
  return db;
}

async function main(): Promise<void> {
  const cfg = parseConfig(process.env);
  const call = httpCaller(cfg.callTimeoutMs);
  const db = cfg.role === 'gateway' ? null : await openOwnDb(cfg);
  let routes: Routes;
  let afterListen: () => Promise<void> = async () => undefined;
  let stop = (): void => undefined;
  switch (cfg.role) {
    case 'order':
      routes = orderRoutes(cfg, db!, points, call);
      break;
    case 'inventory':
      await seedProducts(db!, cfg);
      routes = inventoryRoutes(cfg, db!, points);
      break;
    case 'payment':
      routes = paymentRoutes(cfg, db!, points);
      break;
    case 'shipping':
      routes = shippingRoutes(cfg, db!, points);
      break;
    case 'orchestrator': {
      const o = createOrchestrator(cfg, db!, points, call, log);
      routes = o.routes;
      stop = () => o.stop();
      afterListen = async () => {
        const ids = await o.recover();
        log(
          `recovery: resuming ${ids.length} saga(s) from the log${ids.length ? `: ${ids.join(', ')}` : ''}`,
        );
      };
      break;
    }
    case 'gateway':
      routes = gatewayRoutes(cfg, call, log);
      break;
    case 'reconciler': {
      const r = createReconciler(cfg, db!, call, log);
      routes = r.routes;
      stop = () => r.stop();
      afterListen = async () => r.start();
      break;
    }
    case 'product':
    case 'details': {
      const s = cfg.role === 'product' ? createProduct(cfg, db!, log) : createDetails(cfg, db!, call, log);
      routes = s.routes;
      stop = () => s.stop();
      afterListen = () => s.start();
      break;
    }
  }
  // CHOREOGRAPHY=true: the participant also reacts to saga events on Kafka (choreography.ts).
  if (
    process.env.CHOREOGRAPHY === 'true' &&
    ['order', 'inventory', 'payment', 'shipping'].includes(cfg.role)
  ) {
    const ch = createChoreography(cfg, cfg.role as ChoreoParticipant, routes, db!, log);
    routes = { ...routes, ...ch.routes };
    const before = afterListen;
    afterListen = async () => {
      await before();
      await ch.start();
    };
    stop = () => void ch.stop();
  }
  const server = startServer(cfg.node, routes, points, log);
  await new Promise<void>((resolve) => server.listen(cfg.port, resolve));
  log(`${cfg.node} (${cfg.role}) listening on :${cfg.port}, database ${db ? cfg.database : 'none'}`);
  await afterListen();

  const shutdown = (signal: string): void => {
    log(`${signal}: closing`);
    stop();
    setTimeout(() => process.exit(0), 2000).unref();
    server.close(() => {
      void (db?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  log(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
