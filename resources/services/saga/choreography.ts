// Saga choreography (scenario saga-choreography): no orchestrator. Every participant keeps its
// own database and its own saga steps (the same idempotent steps as the orchestrated saga,
// applied once per (saga, step)), consumes the events it cares about from Kafka with its own
// consumer group, applies the step, publishes the next event, and only then lets the offset
// be committed. A participant killed between its commit and its publish reads the event
// again after the restart; the step replays its recorded outcome and the event is published
// (again): at-least-once delivery, exactly-once effects.
//
//   order      POST /sagas {id, product, qty, user}: create-order, then OrderCreated (202 once
//              Kafka acknowledged; the same id sent again creates nothing new)
//              StockRejected | StockReleased -> cancel-order;  StockCommitted -> confirm-order
//   inventory  OrderCreated -> reserve -> StockReserved | StockRejected
//              PaymentFailed | PaymentRefunded -> release -> StockReleased (compensation)
//              ShipmentScheduled -> commit-stock -> StockCommitted
//   payment    StockReserved -> charge -> PaymentCompleted | PaymentFailed (FAIL_PERCENT)
//              ShipmentFailed -> refund -> PaymentRefunded (compensation)
//   shipping   PaymentCompleted -> ship -> ShipmentScheduled | ShipmentFailed (FAIL_PERCENT)
// Topics: one per publishing service (saga-order, saga-inventory, saga-payment, saga-shipping),
// keyed by saga id. Environment: BROKERS (kafka-1:9092).
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { Routes } from './server';
import type { Db } from './db';
import type { Config } from './config';

export type ChoreoParticipant = 'order' | 'inventory' | 'payment' | 'shipping';
type Log = (line: string) => void;

export const TOPIC: Record<ChoreoParticipant, string> = {
  order: 'saga-order',
  inventory: 'saga-inventory',
  payment: 'saga-payment',
  shipping: 'saga-shipping',
};

export interface SagaEvent {
  type: string;
  saga: string;
  product?: string;
  qty?: number;
  amount?: number;
  user?: string | null;
  reason?: string;
}

/** What a participant does on an event: the step, and the events for ok / declined. */
interface Reaction {
  step: string;
  ok: string;
  declined: string | null;
}

export const REACTIONS: Record<ChoreoParticipant, Record<string, Reaction>> = {
  order: {
    StockRejected: { step: 'cancel-order', ok: 'OrderCancelled', declined: null },
    StockReleased: { step: 'cancel-order', ok: 'OrderCancelled', declined: null },
    StockCommitted: { step: 'confirm-order', ok: 'OrderConfirmed', declined: null },
  },
  inventory: {
    OrderCreated: { step: 'reserve', ok: 'StockReserved', declined: 'StockRejected' },
    PaymentFailed: { step: 'release', ok: 'StockReleased', declined: null },
    PaymentRefunded: { step: 'release', ok: 'StockReleased', declined: null },
    ShipmentScheduled: { step: 'commit-stock', ok: 'StockCommitted', declined: null },
  },
  payment: {
    StockReserved: { step: 'charge', ok: 'PaymentCompleted', declined: 'PaymentFailed' },
    ShipmentFailed: { step: 'refund', ok: 'PaymentRefunded', declined: null },
  },
  shipping: {
    PaymentCompleted: { step: 'ship', ok: 'ShipmentScheduled', declined: 'ShipmentFailed' },
  },
};

/** The topics a participant reads: those of the services whose events it reacts to. */
export function topicsFor(p: ChoreoParticipant): string[] {
  const from: Record<string, ChoreoParticipant> = {
    OrderCreated: 'order',
    StockReserved: 'inventory',
    StockRejected: 'inventory',
    StockReleased: 'inventory',
    StockCommitted: 'inventory',
    PaymentCompleted: 'payment',
    PaymentFailed: 'payment',
    PaymentRefunded: 'payment',
    ShipmentScheduled: 'shipping',
    ShipmentFailed: 'shipping',
  };
  return [...new Set(Object.keys(REACTIONS[p]).map((t) => TOPIC[from[t]]))].sort();
}

export function parseSagaEvent(text: string): SagaEvent | null {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (typeof v.type !== 'string' || typeof v.saga !== 'string') return null;
    return v as unknown as SagaEvent;
  } catch {
    return null;
  }
}

const RETRY = { initialRetryTime: 250, maxRetryTime: 2000, retries: 30 };

export interface Choreography {
  routes: Routes;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createChoreography(
  cfg: Config,
  participant: ChoreoParticipant,
  stepRoutes: Routes,
  db: Db,
  log: Log,
): Choreography {
  const brokers = (process.env.BROKERS || 'kafka-1:9092').split(',').map((s) => s.trim());
  const kafka = new Kafka({
    clientId: cfg.node,
    brokers,
    connectionTimeout: 2000,
    requestTimeout: 8000,
    retry: RETRY,
    logLevel: logLevel.WARN,
    logCreator: () => (e) => log(`kafkajs ${e.level}: ${e.log.message}`),
  });
  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false, retry: RETRY });
  let consumer: Consumer | null = null;
  let producing = false;

  const publish = async (ev: SagaEvent): Promise<void> => {
    await producer.send({
      topic: TOPIC[participant],
      acks: -1,
      messages: [{ key: ev.saga, value: JSON.stringify(ev) }],
    });
  };

  /** Applies the reaction's step in-process (the step route: idempotent, named point after commit). */
  const react = async (ev: SagaEvent): Promise<void> => {
    const r = REACTIONS[participant][ev.type];
    if (!r) return;
    const h = stepRoutes[`POST /steps/${r.step}`];
    const reply = await h({
      body: { ...ev, saga: ev.saga } as Record<string, unknown>,
      query: new URLSearchParams(),
    });
    const body = (reply.body ?? {}) as Record<string, unknown>;
    let next: string | null;
    if (reply.status === 200) next = r.ok;
    else if (reply.status === 409) next = r.declined;
    else throw new Error(`${r.step} for ${ev.saga}: HTTP ${reply.status} ${JSON.stringify(body)}`);
    if (next === null) {
      if (reply.status === 409) log(`${r.step} ${ev.saga} declined: ${String(body.error)}`);
      return;
    }
    await publish({
      type: next,
      saga: ev.saga,
      product: ev.product,
      qty: ev.qty,
      amount: ev.amount,
      user: ev.user ?? null,
      ...(reply.status === 409 ? { reason: String(body.error ?? 'declined') } : {}),
    });
  };

  const routes: Routes = {};
  if (participant === 'order') {
    // The saga starts here: the order row, then OrderCreated (sent again for the same id).
    routes['POST /sagas'] = async ({ body }) => {
      const id = body.id;
      const qty = body.qty;
      const product = body.product;
      if (typeof id !== 'string' || !id || typeof product !== 'string' || typeof qty !== 'number')
        return { status: 400, body: { error: 'id, product, qty required', definite: true } };
      if (!producing) return { status: 503, body: { error: 'not connected to Kafka yet', definite: true } };
      const amount = qty * cfg.price;
      const user = typeof body.user === 'string' ? body.user : null;
      const reply = await stepRoutes['POST /steps/create-order']({
        body: { saga: id, product, qty, amount, user },
        query: new URLSearchParams(),
      });
      if (reply.status !== 200) return reply;
      await publish({ type: 'OrderCreated', saga: id, product, qty, amount, user });
      return { status: 202, body: { id, product, qty, amount } };
    };
    // The sagas, as the order service sees them: pending = running, confirmed = completed,
    // cancelled = compensated (compensations run at the other services before the cancel).
    const stateSql = `CASE state WHEN 'confirmed' THEN 'completed' WHEN 'cancelled' THEN 'compensated' ELSE 'running' END`;
    routes['GET /sagas'] = async ({ query }) => {
      const state = query.get('state');
      const r = await db.query<{ id: string }>(
        `SELECT id FROM orders WHERE ($1::text IS NULL OR ${stateSql} = $1) ORDER BY created_at, id`,
        [state],
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    };
    routes['GET /sagas/summary'] = async () => {
      const r = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM orders WHERE state NOT IN ('confirmed', 'cancelled')`,
      );
      return { status: 200, body: { nonTerminal: r.rows[0]?.n ?? 0, driving: 0 } };
    };
    routes['GET /sagas/rows'] = async () => {
      const r = await db.query(
        `SELECT id, product, qty, amount, ${stateSql} AS state, 0 AS next, NULL AS "failedStep",
                NULL AS reason, 0 AS resumed FROM orders ORDER BY created_at, id`,
      );
      return { status: 200, body: { sagas: r.rows } };
    };
  }

  return {
    routes,
    async start() {
      const admin = kafka.admin({ retry: RETRY });
      await admin.connect();
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: Object.values(TOPIC).map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
        });
      } catch (e) {
        if (!/already exists/i.test(JSON.stringify(e, Object.getOwnPropertyNames(e)))) throw e;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      await producer.connect();
      producing = true;
      const topics = topicsFor(participant);
      if (!topics.length) return;
      const c = kafka.consumer({
        groupId: `saga-${participant}`,
        sessionTimeout: 6000,
        heartbeatInterval: 1000,
        rebalanceTimeout: 10000,
        retry: RETRY,
      });
      consumer = c;
      await c.connect();
      await c.subscribe({ topics, fromBeginning: true });
      await c.run({
        // The offset is committed only after the step and its event: a kill in between
        // replays the event.
        autoCommit: true,
        eachMessage: async ({ message }) => {
          const ev = parseSagaEvent(message.value?.toString() ?? '');
          if (!ev) return;
          await react(ev);
        },
      });
      log(`choreography ${participant}: consuming ${topics.join(', ')} as group saga-${participant}`);
    },
    async stop() {
      await consumer?.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
    },
  };
}
