// The outbox lab service: one program, the role chosen by ROLE (see config.ts).
//   writer    POST /orders; MODE=dual-write | outbox
//   relay     polls the outbox, publishes, marks sent; GET /stats
//   consumer  applies OrderCreated events to its own database; GET /orders, GET /stats
// Every role serves /health (200 once it can do its work) and /points/* on PORT.
import { points } from '../lib/named-points';
import { log, runMain, serveRole } from '../lib/serve-role';
import { guarded } from '../lib/guarded-start';
import { readConfig, type Config } from './config';
import { ensureDatabase, openPool, type Pool } from './db';
import { WRITER_SCHEMA, CONSUMER_SCHEMA } from './schema';
import { connectProducer, ensureTopics, kafkaClient, kafkaReachable } from '../lib/kafka';
import { encodeEvent, type OrderCreated } from './event';
import { writerRoutes } from './writer';
import { Relay, type OutboxRow } from './relay';
import { OrderConsumer } from './consumer';

const startWriter = (c: Config) =>
  guarded(async (o) => {
    if (c.mode === 'dual-write') await kafkaReachable(c.brokers);
    const pool = o.add(await openPool(c.pg, log), (p) => p.end());
    await pool.query(WRITER_SCHEMA);
    let producer = null;
    if (c.mode === 'dual-write') {
      const kafka = kafkaClient(c.node, c.brokers, log);
      await ensureTopics(kafka, [{ topic: c.topic, partitions: c.partitions }]);
      producer = o.add(await connectProducer(kafka), (p) => p.disconnect());
    }
    return { routes: writerRoutes({ config: c, pool, producer, points, log }), ready: () => true };
  });

async function outboxLatency(
  pool: Pool,
): Promise<{ n: number; p50: number | null; p95: number | null; max: number | null }> {
  const r = await pool.query<{ n: string; p50: number | null; p95: number | null; max: number | null }>(
    `SELECT count(*) AS n,
            percentile_cont(0.5)  WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            max(ms) AS max
       FROM (SELECT extract(epoch FROM sent_at - created_at) * 1000 AS ms FROM outbox WHERE sent_at IS NOT NULL) s`,
  );
  const x = r.rows[0];
  const round = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return { n: Number(x.n), p50: round(x.p50), p95: round(x.p95), max: round(x.max) };
}

const startRelay = (c: Config) =>
  guarded(async (o) => {
    await kafkaReachable(c.brokers);
    const pool = o.add(await openPool(c.pg, log), (p) => p.end());
    await pool.query(WRITER_SCHEMA); // normally there already (the writer made it)
    const kafka = kafkaClient(c.node, c.brokers, log);
    await ensureTopics(kafka, [{ topic: c.topic, partitions: c.partitions }]);
    const producer = o.add(await connectProducer(kafka), (p) => p.disconnect());
    const relay = new Relay(
      {
        fetchUnsent: async (limit) => {
          const r = await pool.query<{ id: string; payload: OrderCreated }>(
            'SELECT id, payload FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT $1',
            [limit],
          );
          return r.rows.map((x): OutboxRow => ({ id: x.id, event: x.payload }));
        },
        publish: async (rows) => {
          await producer.send({ topic: c.topic, acks: -1, messages: rows.map((r) => encodeEvent(r.event)) });
        },
        reach: (point, detail) => points.reach(point, detail),
        markSent: async (ids) => {
          await pool.query('UPDATE outbox SET sent_at = clock_timestamp() WHERE id = ANY($1::bigint[])', [
            ids,
          ]);
        },
        sleep: (ms, signal) =>
          new Promise<void>((resolve) => {
            const t = setTimeout(resolve, ms);
            signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
          }),
        log,
      },
      c.pollMs,
      c.batchSize,
    );
    const stop = new AbortController();
    const loop = relay.run(stop.signal);
    o.add(loop, (l) => (stop.abort(), l)); // stopped first: then the producer, then the pool
    log(`relay polling every ${c.pollMs} ms, up to ${c.batchSize} rows`);
    return {
      routes: {
        // The latency query is the lab's, not the relay's: it is not counted in `queries`.
        'GET /stats': async () => ({
          status: 200,
          body: { ...relay.stats(), latencyMs: await outboxLatency(pool) },
        }),
      },
      ready: () => true,
    };
  });

const startConsumer = (c: Config) =>
  guarded(async (o) => {
    await kafkaReachable(c.brokers);
    await ensureDatabase(c.pg, c.consumerDatabase, log);
    const pool = o.add(await openPool({ ...c.pg, database: c.consumerDatabase }, log), (p) => p.end());
    await pool.query(CONSUMER_SCHEMA);
    const kafka = kafkaClient(c.node, c.brokers, log);
    await ensureTopics(kafka, [{ topic: c.topic, partitions: c.partitions }]);
    const consumer = o.add(new OrderConsumer(kafka, pool, c, log), (x) => x.stop());
    await consumer.start();
    return { routes: consumer.routes(), ready: () => consumer.ready };
  });

runMain(async () => {
  const c = readConfig(process.env);
  const starter = c.role === 'writer' ? startWriter : c.role === 'relay' ? startRelay : startConsumer;
  await serveRole(c, c.role === 'writer' ? `${c.role} (${c.mode})` : c.role, () => starter(c));
});
