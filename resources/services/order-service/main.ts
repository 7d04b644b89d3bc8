// The order service: one HTTP server on an embedded SQLite store.
// Env: NODE_NAME (order-1), PORT (8080), STORE_MODE memory|file, DB_FILE (/data/orders.db),
// LOG_HEALTH=1 to log health checks as well. STORE_MODE=postgres: see pg-main.ts.
import { createOrderServer } from './http';
import { DEFAULT_DB_FILE, openSqliteStore, parseStoreMode } from './store';
import { startPostgresService } from './pg-main';

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

async function main(): Promise<void> {
  if (process.env.STORE_MODE === 'postgres') return startPostgresService(log);
  const node = process.env.NODE_NAME || 'order';
  const port = Number(process.env.PORT || 8080);
  const mode = parseStoreMode(process.env.STORE_MODE);
  const store = await openSqliteStore(mode, process.env.DB_FILE || DEFAULT_DB_FILE);
  const server = createOrderServer(
    { node, store, now: () => new Date() },
    { log, logHealth: process.env.LOG_HEALTH === '1' },
  );
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(port, resolve));
  const count = (await store.list()).length;
  log(`${node} listening on :${port} store=${mode} orders=${count}`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    server.close(() => {
      store.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  log(`fatal: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
