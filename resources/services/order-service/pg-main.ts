// Starts the order service on a shared PostgreSQL database (STORE_MODE=postgres).
// Env: NODE_NAME, PORT, libpq's PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, and
//   PRODUCT_ID (hot), PRODUCT_STOCK (20): the hot product and its initial stock, set once
//   CONCURRENCY naive | lock | optimistic; THINK_MS (20): time between read and write
//   OPTIMISTIC_RETRIES (20); PG_POOL_MAX (10), PG_CONNECT_TIMEOUT_MS (1000), PG_QUERY_TIMEOUT_MS (2000)
import { openPgPool, pgSettingsFromEnv, ensureSchemaWithRetry, pgOrderStore, intEnv } from './pg-store';
import { createStockStore, parseConcurrency } from './stock';
import { createPgOrderServer } from './pg-server';

export async function startPostgresService(
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const node = env.NODE_NAME || 'order';
  const port = Number(env.PORT || 8080);
  const product = env.PRODUCT_ID || 'hot';
  const initialStock = intEnv(env, 'PRODUCT_STOCK', 20);
  const mode = parseConcurrency(env.CONCURRENCY);
  const thinkMs = intEnv(env, 'THINK_MS', 20);
  const retries = intEnv(env, 'OPTIMISTIC_RETRIES', 20);
  const db = openPgPool(pgSettingsFromEnv(env, node), log);
  await ensureSchemaWithRetry(db.pool, product, initialStock, log);
  const store = pgOrderStore(db.pool);
  const stock = createStockStore(db.pool, { product, mode, thinkMs, retries, node });
  const server = createPgOrderServer({ node, store, stock, now: () => new Date() }, log);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const v = await stock.view();
  log(
    `${node} listening on :${port} store=postgres concurrency=${mode} think=${thinkMs}ms ${product}: stock ${v.stock}, sold ${v.sold}`,
  );

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    server.close(() => {
      db.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
