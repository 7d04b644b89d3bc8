// The writer: POST /orders {id, user}.
//   MODE=dual-write  INSERT the order and COMMIT, then publish OrderCreated to Kafka: two
//                    writes, not atomic. Between them sits the named point
//                    after-commit-before-publish, where the lab kills it.
//   MODE=outbox      INSERT the order and an outbox row in ONE transaction, COMMIT. A relay
//                    publishes the outbox later.
// Reads for the lab: GET /orders (the order table), GET /outbox/sent (orders whose outbox
// row the relay marked sent; the gap to /orders is the backlog), GET /outbox (counts).
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { NamedPoints } from '../lib/named-points';
import type { Config } from './config';
import { encodeEvent, parseOrder, type OrderCreated } from './event';
import { isUniqueViolation, withTx, type Pool } from './db';
import type { Handler, Reply } from '../lib/json-server';

export const POINT_AFTER_COMMIT = 'after-commit-before-publish';

export interface WriterDeps {
  config: Pick<Config, 'mode' | 'topic'>;
  pool: Pool;
  /** Only in dual-write mode. */
  producer: Producer | null;
  points: NamedPoints;
  log(line: string): void;
}

function eventFor(id: string, user: string | null, createdAt: Date): OrderCreated {
  return {
    eventId: randomUUID(),
    type: 'OrderCreated',
    orderId: id,
    user,
    createdAt: createdAt.toISOString(),
  };
}

export function writerRoutes(d: WriterDeps): Record<string, Handler> {
  const createOrder: Handler = async (req): Promise<Reply> => {
    const p = parseOrder(req.body);
    if (!p.ok) return { status: 400, body: { error: p.error } };
    try {
      if (d.config.mode === 'outbox') {
        await withTx(d.pool, async (tx) => {
          const r = await tx.query<{ created_at: Date }>(
            'INSERT INTO orders (id, user_id) VALUES ($1, $2) RETURNING created_at',
            [p.id, p.user],
          );
          const e = eventFor(p.id, p.user, r.rows[0].created_at);
          await tx.query('INSERT INTO outbox (event_id, order_id, type, payload) VALUES ($1, $2, $3, $4)', [
            e.eventId,
            e.orderId,
            e.type,
            JSON.stringify(e),
          ]);
        });
        return { status: 201, body: { id: p.id } };
      }
      // dual-write: the first write commits on its own...
      const r = await d.pool.query<{ created_at: Date }>(
        'INSERT INTO orders (id, user_id) VALUES ($1, $2) RETURNING created_at',
        [p.id, p.user],
      );
      // ...a crash here leaves an order that no event will ever announce...
      await d.points.reach(POINT_AFTER_COMMIT, { id: p.id });
      // ...and only then the second write.
      const e = eventFor(p.id, p.user, r.rows[0].created_at);
      try {
        await d.producer!.send({ topic: d.config.topic, acks: -1, messages: [encodeEvent(e)] });
      } catch (err) {
        d.log(`order ${p.id} committed but its event was not published: ${String(err)}`);
        return { status: 500, body: { error: 'order committed, event not published', id: p.id } };
      }
      return { status: 201, body: { id: p.id, eventId: e.eventId } };
    } catch (e) {
      if (isUniqueViolation(e)) return { status: 409, body: { error: 'duplicate order id' } };
      throw e;
    }
  };

  return {
    'POST /orders': createOrder,
    'GET /orders': async () => {
      const r = await d.pool.query<{ id: string }>('SELECT id FROM orders ORDER BY created_at, id');
      return { status: 200, body: { ids: r.rows.map((x) => x.id) } };
    },
    'GET /outbox/sent': async () => {
      const r = await d.pool.query<{ order_id: string }>(
        'SELECT order_id FROM outbox WHERE sent_at IS NOT NULL ORDER BY id',
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.order_id) } };
    },
    'GET /outbox/unsent': async () => {
      const r = await d.pool.query<{ order_id: string }>(
        'SELECT order_id FROM outbox WHERE sent_at IS NULL ORDER BY id',
      );
      return { status: 200, body: { ids: r.rows.map((x) => x.order_id) } };
    },
  };
}
