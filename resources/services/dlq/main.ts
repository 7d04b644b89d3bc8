// The lab's DLQ service: one program, the role chosen by ROLE (see config.ts).
//   orders     POST /orders (Idempotency-Key optional); GET /orders, GET /stats
//   payments   retries, DLQ; GET /payments, GET /dlq, GET /stats
//   cdc-admin  registers a Debezium connector, watches its slot; GET /slot/*, GET /status
// Every role serves /health (200 once it can do its work) and /points/* on PORT.
import type { Server } from 'node:http';
import { points } from '../lib/named-points';
import { readConfig, type Config } from './config';
import { createJsonServer, type Routes } from './http';
import { ensureDatabase, openPool } from './db';
import { connectProducer, ensureTopics, kafkaClient } from './kafka';
import { ORDERS_SCHEMA, ordersRoutes } from './orders';
import { PAYMENTS_SCHEMA, PaymentsConsumer } from './payments';
import { DlqViewer } from './dlq-viewer';
import { CdcAdmin } from './cdc-admin';
import { sleep } from './db';

const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

interface Started {
  routes: Routes;
  ready(): boolean;
  stop(): Promise<void>;
}

/** What a role opened, closed in reverse order: on stop, and when its start fails half-way. */
class Opened {
  private readonly closers: (() => Promise<unknown> | unknown)[] = [];
  add<T>(value: T, close: (v: T) => Promise<unknown> | unknown): T {
    this.closers.push(() => close(value));
    return value;
  }
  async closeAll(): Promise<void> {
    for (const c of this.closers.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
  }
}

/** Runs a role's start; on failure closes what it opened and throws. */
async function guarded(start: (o: Opened) => Promise<Omit<Started, 'stop'>>): Promise<Started> {
  const opened = new Opened();
  try {
    const s = await start(opened);
    return { ...s, stop: () => opened.closeAll() };
  } catch (e) {
    await opened.closeAll();
    throw e;
  }
}

/** Kafka and PostgreSQL may still be settling when a role starts: try again for a while. */
const START_TIMEOUT_MS = 60_000;

const startOrders = (c: Config) =>
  guarded(async (o) => {
    const pool = o.add(await openPool(c.pg, log), (p) => p.end());
    await pool.query(ORDERS_SCHEMA);
    const kafka = kafkaClient(c.node, c.brokers, log);
    await ensureTopics(kafka, [{ topic: c.topic, partitions: c.partitions }]);
    const producer = o.add(await connectProducer(kafka), (p) => p.disconnect());
    return { routes: ordersRoutes({ pool, producer, topic: c.topic, points, log }), ready: () => true };
  });

const startPayments = (c: Config) =>
  guarded(async (o) => {
    await ensureDatabase(c.pg, c.paymentsDatabase, log);
    const pool = o.add(await openPool({ ...c.pg, database: c.paymentsDatabase }, log), (p) => p.end());
    await pool.query(PAYMENTS_SCHEMA);
    const kafka = kafkaClient(c.node, c.brokers, log);
    await ensureTopics(kafka, [
      { topic: c.topic, partitions: c.partitions },
      { topic: c.dlqTopic, partitions: 1 },
    ]);
    const admin = kafka.admin();
    await admin.connect();
    o.add(admin, (a) => a.disconnect());
    const producer = o.add(await connectProducer(kafka), (p) => p.disconnect());
    const viewer = o.add(new DlqViewer(kafka, admin, c.dlqTopic, log), (v) => v.stop());
    await viewer.start();
    const consumer = new PaymentsConsumer(
      kafka,
      admin,
      producer,
      pool,
      c,
      { maxAttempts: c.maxAttempts, backoffMs: c.backoffMs, maxBackoffMs: c.backoffMaxMs },
      viewer,
      log,
    );
    o.add(consumer, (x) => x.stop());
    await consumer.start();
    log(`payments: up to ${c.maxAttempts} tries, backoff ${c.backoffMs} ms doubling to ${c.backoffMaxMs} ms`);
    return { routes: consumer.routes(), ready: () => consumer.ready && viewer.ready };
  });

const startCdcAdmin = (c: Config) =>
  guarded(async (o) => {
    const pool = o.add(await openPool(c.pg, log), (p) => p.end());
    const admin = o.add(new CdcAdmin(pool, c, log), (a) => a.stop());
    await admin.setup();
    return { routes: admin.routes(), ready: () => admin.ready };
  });

async function main(): Promise<void> {
  const c = readConfig(process.env);
  let started: Started | null = null;
  const server: Server = createJsonServer({
    node: c.node,
    points,
    log,
    routes: () => started?.routes ?? null,
    health: () => (started?.ready() ? { ok: true } : { ok: false, detail: 'starting' }),
  });
  await new Promise<void>((resolve) => server.listen(c.port, resolve));
  log(`${c.node}: ${c.role} on :${c.port}`);
  const starter = c.role === 'orders' ? startOrders : c.role === 'payments' ? startPayments : startCdcAdmin;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let attempt = 1; !started; attempt++) {
    try {
      started = await starter(c);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (Date.now() > deadline) throw e;
      log(`start failed (try ${attempt}), trying again: ${msg}`);
      await sleep(1000);
    }
  }
  log(`${c.node}: ready`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    void started!.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: unknown) => {
  log(`fatal: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
