// Role `orders`: the order API. POST /orders {ref, user, amountCents, card} creates a new order
// (id "o<seq>") and publishes OrderPlaced to Kafka (acks=all) before it answers.
//   Idempotency-Key header present: the key is stored with the order under a UNIQUE
//   constraint; a second request with the same key creates nothing and gets the first
//   order back (200, replayed). Without it every request is a new order: a client that
//   retries after a timeout orders twice.
//   X-Lab-Stall-Ms header: the lab's fault injection. The order is committed and published,
//   then the reply is held back that long, as a long GC pause or a slow network would.
// The named point after-commit-before-reply sits at the same place.
// Reads for the lab: GET /orders (ids "<ref>/<order id>", one per order row), GET /stats.
import type { Producer } from 'kafkajs';
import type { NamedPoints } from '../lib/named-points';
import { encodeEvent, orderKey, parseOrderRequest, type OrderPlaced } from './event';
import { sleep, type Pool } from './db';
import { header, type Reply, type Request, type Routes } from '../lib/json-server';

export const POINT_BEFORE_REPLY = 'after-commit-before-reply';
export const MAX_STALL_MS = 60_000;

export const ORDERS_SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  seq              bigserial PRIMARY KEY,
  id               text GENERATED ALWAYS AS ('o' || seq) STORED UNIQUE,
  ref              text NOT NULL,
  idempotency_key  text UNIQUE,
  user_id          text,
  amount_cents     integer NOT NULL,
  card             text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

export interface OrdersDeps {
  pool: Pool;
  producer: Producer;
  topic: string;
  points: NamedPoints;
  log(line: string): void;
}

/** The request's idempotency key and stall, or an error reply. Pure. */
export function requestControls(req: Request): { key: string | null; stallMs: number } | Reply {
  const rawKey = header(req, 'idempotency-key');
  const key = rawKey === undefined ? null : rawKey.trim();
  if (key !== null && (!key || key.length > 200))
    return { status: 400, body: { error: 'Idempotency-Key must be 1 to 200 characters' } };
  const rawStall = header(req, 'x-lab-stall-ms');
  const stallMs = rawStall === undefined ? 0 : Number(rawStall);
  if (!Number.isInteger(stallMs) || stallMs < 0 || stallMs > MAX_STALL_MS)
    return { status: 400, body: { error: `X-Lab-Stall-Ms must be an integer from 0 to ${MAX_STALL_MS}` } };
  return { key, stallMs };
}

export function ordersRoutes(d: OrdersDeps): Routes {
  const counts = { created: 0, replayed: 0, publishFailed: 0, keyConflicts: 0 };

  const createOrder = async (req: Request): Promise<Reply> => {
    const p = parseOrderRequest(req.body);
    if (!p.ok) return { status: 400, body: { error: p.error } };
    const ctl = requestControls(req);
    if ('status' in ctl) return ctl;
    const o = p.order;
    const values = [o.ref, ctl.key, o.user, o.amountCents, o.card];
    const inserted = await d.pool.query<{ id: string }>(
      `INSERT INTO orders (ref, idempotency_key, user_id, amount_cents, card) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      values,
    );
    let reply: Reply;
    if (inserted.rowCount) {
      const id = inserted.rows[0].id;
      counts.created++;
      const e: OrderPlaced = { type: 'OrderPlaced', orderId: id, ...o };
      try {
        await d.producer.send({ topic: d.topic, acks: -1, messages: [encodeEvent(e)] });
        reply = { status: 201, body: { id, ref: o.ref, created: true } };
      } catch (err) {
        counts.publishFailed++;
        d.log(`order ${id} committed but OrderPlaced was not published: ${String(err)}`);
        reply = { status: 500, body: { error: 'order committed, event not published', id, definite: false } };
      }
    } else {
      // Only a key can conflict: the order made by the first request with this key.
      const first = await d.pool.query<{ id: string; ref: string }>(
        'SELECT id, ref FROM orders WHERE idempotency_key = $1',
        [ctl.key],
      );
      const row = first.rows[0];
      if (!row || row.ref !== o.ref) {
        counts.keyConflicts++;
        return { status: 422, body: { error: 'Idempotency-Key already used for another request' } };
      }
      counts.replayed++;
      reply = { status: 200, body: { id: row.id, ref: row.ref, created: false } };
    }
    await d.points.reach(POINT_BEFORE_REPLY, { ref: o.ref });
    if (ctl.stallMs) await sleep(ctl.stallMs);
    return reply;
  };

  return {
    'POST /orders': createOrder,
    'GET /orders': async () => {
      const r = await d.pool.query<{ id: string; ref: string }>('SELECT id, ref FROM orders ORDER BY seq');
      return { status: 200, body: { ids: r.rows.map((x) => orderKey(x.ref, x.id)) } };
    },
    'GET /stats': async () => {
      const r = await d.pool.query<{ n: string; refs: string }>(
        'SELECT count(*) AS n, count(DISTINCT ref) AS refs FROM orders',
      );
      const orders = Number(r.rows[0].n);
      const refs = Number(r.rows[0].refs);
      return { status: 200, body: { ...counts, orders, distinctRefs: refs, duplicateOrders: orders - refs } };
    },
  };
}
