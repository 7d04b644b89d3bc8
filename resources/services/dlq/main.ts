// The lab's DLQ service: one program, the role chosen by ROLE (see config.ts).
//   orders     POST /orders (Idempotency-Key optional); GET /orders, GET /stats
//   payments   retries, DLQ; GET /payments, GET /dlq, GET /stats
//   cdc-admin  registers a Debezium connector, watches its slot; GET /slot/*, GET /status
// Every role serves /health (200 once it can do its work) and /points/* on PORT.
import { points } from '../lib/named-points';
import { log, runMain, serveRole, type StartedRole } from '../lib/serve-role';
import { readConfig, type Config } from './config';
import { ensureDatabase, openPool } from './db';
import { connectProducer, ensureTopics, kafkaClient } from '../lib/kafka';
import { ORDERS_SCHEMA, ordersRoutes } from './orders';
import { PAYMENTS_SCHEMA, PaymentsConsumer } from './payments';
import { DlqViewer } from './dlq-viewer';
import { CdcAdmin } from './cdc-admin';
import { sleep } from './db';

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
async function guarded(start: (o: Opened) => Promise<Omit<StartedRole, 'stop'>>): Promise<StartedRole> {
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

/** Starts the role, trying again for START_TIMEOUT_MS while it fails. */
async function startRetrying(start: () => Promise<StartedRole>): Promise<StartedRole> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (Date.now() > deadline) throw e;
      log(`start failed (try ${attempt}), trying again: ${msg}`);
      await sleep(1000);
    }
  }
}

runMain(async () => {
  const c = readConfig(process.env);
  const starter = c.role === 'orders' ? startOrders : c.role === 'payments' ? startPayments : startCdcAdmin;
  await serveRole(c, c.role, () => startRetrying(() => starter(c)));
});
