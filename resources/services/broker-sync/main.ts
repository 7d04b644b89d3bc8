// The sync service: broker-sync's instances and queue-single-writer's fronts and writer.
// See config.ts for the roles and the environment.
import { parseConfig, type ServiceConfig } from './config';
import { createHttpServer, type Backend } from './http';
import { makeKafka, ensureTopic, Publisher, EventConsumer, type Log } from './kafka';
import { openSyncStore } from './sqlite-store';
import { openOrderDb } from './pg-store';
import { syncBackend, frontBackend, writerBackend, type RoleState } from './roles';
import type { EventPosition, OrderCreated } from './events';
import { points } from '../lib/named-points';
import { retryDelayMs } from '../lib/start-with-retry';

const log: Log = (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

/** Retries a start-up step until it succeeds (a dependency may still be starting). */
async function retrying<T>(what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      log(`${what} failed (attempt ${attempt}): ${e instanceof Error ? e.message : String(e)}`);
      // Short pauses: the lab may start this service with Kafka, which answers seconds later;
      // the service should notice within half a second, not after a long back-off.
      await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
    }
  }
}

async function main(): Promise<void> {
  const cfg: ServiceConfig = parseConfig(process.env);
  const state: RoleState = { ready: false, partitions: null };
  const kafka = makeKafka(cfg, log);
  const publisher = new Publisher(kafka, cfg);

  let backend: Backend;
  let apply: ((ev: OrderCreated, at: EventPosition) => Promise<void>) | null = null;
  if (cfg.role === 'sync') {
    const b = syncBackend(cfg, await openSyncStore(cfg.dbFile), publisher, state);
    backend = b;
    apply = (ev, at) => b.applyEvent(ev, at);
  } else {
    const db = await retrying('connect to PostgreSQL', () => openOrderDb(cfg.pg));
    if (cfg.role === 'writer') {
      const b = writerBackend(cfg, db, state);
      backend = b;
      apply = (ev, at) => b.applyEvent(ev, at);
    } else backend = frontBackend(cfg, db, publisher, state);
  }

  const server = createHttpServer(cfg.node, backend, points, log);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(cfg.port, resolve));
  log(
    `${cfg.node} (${cfg.role}) listening on :${cfg.port}; kafka ${cfg.brokers.join(',')} topic ${cfg.topic}`,
  );

  state.partitions = await retrying('create/describe the topic', () => ensureTopic(kafka, cfg));
  log(`topic ${cfg.topic}: ${JSON.stringify(state.partitions)}`);
  if (cfg.role !== 'writer') await retrying('connect the producer', () => publisher.connect());
  if (apply) {
    const applyFn = apply;
    const consumer = new EventConsumer(kafka, cfg, applyFn, {
      afterApply: (ev, at) => points.reach('after-apply-before-offset-commit', { id: ev.id, ...at }),
      onJoin: () => {
        state.ready = true;
      },
      log,
    });
    await retrying('start the consumer', () => consumer.start());
  } else state.ready = true;
  log(`${cfg.node} ready`);

  const shutdown = (signal: string): void => {
    log(`${signal}: closing`);
    setTimeout(() => process.exit(0), 2000).unref();
    server.close();
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  log(`fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
