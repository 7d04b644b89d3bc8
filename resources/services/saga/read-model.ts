// Composition vs CQRS (scenario composition-vs-cqrs): order details need product data.
//   product  owns the products (id, name, price, version); every PERIOD_MS it changes one
//            product's price (seeded) and publishes ProductPriceChanged {id, price, version,
//            changedAt} to Kafka (topic product-events, keyed by product id).
//            GET /product?id=p1 -> {id, name, price, version}
//   details  owns the orders (ORDERS of them, seeded over PRODUCTS) and a read model of the
//            product data, fed by ProductPriceChanged (consumer group details; an event older
//            than the row's version is ignored, so redelivery changes nothing).
//            GET /details/composed?order=o1  API composition: the order here plus a synchronous
//              call to the product service (CALL_TIMEOUT_MS); 502 when that call fails
//            GET /details/cqrs?order=o1      the read model only: the price as last heard, and
//              stalenessMs: how long ago the newest change it applied was made at the product service
// Environment: BROKERS (kafka-1:9092), PRODUCT_URL (http://product:8080), ORDERS (20).
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { Config } from './config';
import type { Db } from './db';
import type { Routes } from './server';
import type { Call } from './peer';
import { mulberry } from './read-model-random';

type Log = (line: string) => void;

export const PRODUCT_TOPIC = 'product-events';

export const PRODUCT_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS catalog (
     id text PRIMARY KEY,
     name text NOT NULL,
     price integer NOT NULL,
     version integer NOT NULL DEFAULT 1,
     changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
];

export const DETAILS_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS details_orders (
     id text PRIMARY KEY,
     product text NOT NULL,
     qty integer NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS product_view (
     id text PRIMARY KEY,
     price integer NOT NULL,
     version integer NOT NULL,
     changed_at timestamptz NOT NULL,
     applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
];

const RETRY = { initialRetryTime: 250, maxRetryTime: 2000, retries: 30 };

function kafkaOf(cfg: Config, log: Log): Kafka {
  return new Kafka({
    clientId: cfg.node,
    brokers: (process.env.BROKERS || 'kafka-1:9092').split(',').map((s) => s.trim()),
    connectionTimeout: 2000,
    requestTimeout: 8000,
    retry: RETRY,
    logLevel: logLevel.WARN,
    logCreator: () => (e) => log(`kafkajs ${e.level}: ${e.log.message}`),
  });
}

async function ensureTopic(kafka: Kafka): Promise<void> {
  const admin = kafka.admin({ retry: RETRY });
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: PRODUCT_TOPIC, numPartitions: 1, replicationFactor: 1 }],
    });
  } catch (e) {
    if (!/already exists/i.test(JSON.stringify(e, Object.getOwnPropertyNames(e)))) throw e;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export interface Service {
  routes: Routes;
  start(): Promise<void>;
  stop(): void;
}

export function createProduct(cfg: Config, db: Db, log: Log): Service {
  const kafka = kafkaOf(cfg, log);
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, retry: RETRY });
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let busy = false;
  const rand = mulberry(cfg.seed * 7919 + (Date.now() % 1000));
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      const p = cfg.products[Math.floor(rand() * cfg.products.length)];
      const price = cfg.price + Math.floor(rand() * cfg.price);
      const r = await db.query<{ version: number; changed_at: Date }>(
        `UPDATE catalog SET price = $2, version = version + 1, changed_at = clock_timestamp()
          WHERE id = $1 RETURNING version, changed_at`,
        [p.id, price],
      );
      const row = r.rows[0];
      if (!row) return;
      await producer.send({
        topic: PRODUCT_TOPIC,
        acks: -1,
        messages: [
          {
            key: p.id,
            value: JSON.stringify({
              type: 'ProductPriceChanged',
              id: p.id,
              price,
              version: row.version,
              changedAt: new Date(row.changed_at).toISOString(),
            }),
          },
        ],
      });
    } catch (e) {
      log(`price change failed: ${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };
  return {
    routes: {
      'GET /product': async ({ query }) => {
        const id = query.get('id') ?? '';
        const r = await db.query('SELECT id, name, price, version FROM catalog WHERE id = $1', [id]);
        if (!r.rows.length) return { status: 404, body: { error: `no product ${id}`, definite: true } };
        return { status: 200, body: r.rows[0] };
      },
      'GET /live': async () => {
        const r = await db.query<{ id: string }>('SELECT id FROM catalog ORDER BY id');
        return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
      },
    },
    async start() {
      for (const p of cfg.products)
        await db.query(
          `INSERT INTO catalog (id, name, price) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
          [p.id, `product ${p.id}`, cfg.price],
        );
      await ensureTopic(kafka);
      await producer.connect();
      timer = setInterval(() => void tick(), cfg.periodMs);
      log(`product: changing a price every ${cfg.periodMs} ms`);
    },
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      void producer.disconnect().catch(() => undefined);
    },
  };
}

export function createDetails(cfg: Config, db: Db, call: Call, log: Log): Service {
  const kafka = kafkaOf(cfg, log);
  let consumer: Consumer | null = null;
  const productUrl = (process.env.PRODUCT_URL || 'http://product:8080').replace(/\/+$/, '');
  const orderOf = async (id: string) => {
    const r = await db.query<{ id: string; product: string; qty: number }>(
      'SELECT id, product, qty FROM details_orders WHERE id = $1',
      [id],
    );
    return r.rows[0] ?? null;
  };
  return {
    routes: {
      'GET /details/composed': async ({ query }) => {
        const o = await orderOf(query.get('order') ?? '');
        if (!o) return { status: 404, body: { error: 'no such order', definite: true } };
        const r = await call(productUrl, 'GET', `/product?id=${encodeURIComponent(o.product)}`, undefined);
        if (r.kind !== 'ok')
          return {
            status: 502,
            body: {
              error: `product service: ${JSON.stringify(r).slice(0, 200)}`,
              definite: true,
              order: o.id,
            },
          };
        const p = r.body as { price: number; version: number };
        return {
          status: 200,
          body: {
            order: o.id,
            product: o.product,
            qty: o.qty,
            price: p.price,
            version: p.version,
            total: p.price * o.qty,
            via: 'composition',
          },
        };
      },
      'GET /details/cqrs': async ({ query }) => {
        const o = await orderOf(query.get('order') ?? '');
        if (!o) return { status: 404, body: { error: 'no such order', definite: true } };
        const v = await db.query<{ price: number; version: number; staleness_ms: number }>(
          `SELECT price, version,
                  floor(extract(epoch FROM clock_timestamp() - (SELECT max(changed_at) FROM product_view)) * 1000)::int AS staleness_ms
             FROM product_view WHERE id = $1`,
          [o.product],
        );
        const row = v.rows[0];
        if (!row)
          return {
            status: 503,
            body: { error: 'read model has no data for the product yet', definite: true },
          };
        return {
          status: 200,
          body: {
            order: o.id,
            product: o.product,
            qty: o.qty,
            price: row.price,
            version: row.version,
            total: row.price * o.qty,
            stalenessMs: row.staleness_ms,
            via: 'read-model',
          },
        };
      },
      // Ready once the read model holds every product (the consumer joined and caught up).
      'GET /ready': async () => {
        const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM product_view');
        const n = r.rows[0]?.n ?? 0;
        return { status: n >= cfg.products.length ? 200 : 503, body: { products: n } };
      },
      'GET /live': async () => {
        const r = await db.query<{ id: string }>('SELECT id FROM product_view ORDER BY id');
        return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
      },
    },
    async start() {
      const n = Number(process.env.ORDERS || '20');
      const rand = mulberry(cfg.seed);
      for (let i = 1; i <= n; i++) {
        const p = cfg.products[Math.floor(rand() * cfg.products.length)];
        await db.query(
          'INSERT INTO details_orders (id, product, qty) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
          [`o${i}`, p.id, 1 + Math.floor(rand() * 3)],
        );
      }
      await ensureTopic(kafka);
      const c = kafka.consumer({
        groupId: 'details',
        sessionTimeout: 6000,
        heartbeatInterval: 1000,
        retry: RETRY,
      });
      consumer = c;
      await c.connect();
      await c.subscribe({ topics: [PRODUCT_TOPIC], fromBeginning: true });
      await c.run({
        eachMessage: async ({ message }) => {
          let ev: { type?: string; id?: string; price?: number; version?: number; changedAt?: string };
          try {
            ev = JSON.parse(message.value?.toString() ?? '') as typeof ev;
          } catch {
            return;
          }
          if (ev.type !== 'ProductPriceChanged' || typeof ev.id !== 'string') return;
          await db.query(
            `INSERT INTO product_view (id, price, version, changed_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price, version = EXCLUDED.version,
               changed_at = EXCLUDED.changed_at, applied_at = clock_timestamp()
             WHERE product_view.version < EXCLUDED.version`,
            [ev.id, ev.price, ev.version, ev.changedAt],
          );
        },
      });
      log('details: read model consuming product-events as group details');
    },
    stop() {
      void consumer?.disconnect().catch(() => undefined);
    },
  };
}
