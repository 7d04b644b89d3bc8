// The lab's DLQ service: one program, the role chosen by ROLE (see config.ts).
//   orders     POST /orders (Idempotency-Key optional); GET /orders, GET /stats
//   payments   retries, DLQ; GET /payments, GET /dlq, GET /stats
//   cdc-admin  registers a Debezium connector, watches its slot; GET /slot/*, GET /status
// Every role serves /health (200 once it can do its work) and /points/* on PORT.
import { points } from '../lib/named-points';
import { log, runMain, serveRole } from '../lib/serve-role';
import { readConfig, type Config } from './config';
import { ensureDatabase, openPool } from './db';
import { connectProducer, ensureTopics, kafkaClient, kafkaReachable } from '../lib/kafka';
import { ORDERS_SCHEMA, ordersRoutes } from './orders';
import { PAYMENTS_SCHEMA, PaymentsConsumer } from './payments';
import { DlqViewer } from './dlq-viewer';
import { CdcAdmin } from './cdc-admin';
import { guarded } from '../lib/guarded-start';

const startOrders = (c: Config) =>
  guarded(async (o) => {
    await kafkaReachable(c.brokers);
    const pool = o.add(await openPool(c.pg, log), (p) => p.end());
    await pool.query(ORDERS_SCHEMA);
    const kafka = kafkaClient(c.node, c.brokers, log);
    await ensureTopics(kafka, [{ topic: c.topic, partitions: c.partitions }]);
    const producer = o.add(await connectProducer(kafka), (p) => p.disconnect());
    return { routes: ordersRoutes({ pool, producer, topic: c.topic, points, log }), ready: () => true };
  });

const startPayments = (c: Config) =>
  guarded(async (o) => {
    await kafkaReachable(c.brokers);
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

runMain(async () => {
  const c = readConfig(process.env);
  const starter = c.role === 'orders' ? startOrders : c.role === 'payments' ? startPayments : startCdcAdmin;
  await serveRole(c, c.role, () => starter(c)); // tried again while it fails (serveRole)
});
