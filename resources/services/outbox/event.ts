// The event every role agrees on: OrderCreated, carried as JSON in a Kafka message whose key
// is the order id. `eventId` is what an idempotent consumer dedupes by: it is fixed when the
// event is first recorded (the outbox row, or the dual-write publish), so a relay that
// publishes the same outbox row twice publishes the same eventId twice.

export interface OrderCreated {
  eventId: string;
  type: 'OrderCreated';
  orderId: string;
  user: string | null;
  /** When the order was committed (ISO, the database's clock). */
  createdAt: string;
}

export function encodeEvent(e: OrderCreated): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return { key: e.orderId, value: JSON.stringify(e), headers: { 'event-id': e.eventId, type: e.type } };
}

/** Parses a message value; throws on anything that is not an OrderCreated event. */
export function decodeEvent(value: Buffer | string | null): OrderCreated {
  if (value === null) throw new Error('empty message');
  const v: unknown = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  if (typeof v !== 'object' || v === null) throw new Error('message is not a JSON object');
  const o = v as Record<string, unknown>;
  if (o.type !== 'OrderCreated') throw new Error(`unknown event type ${JSON.stringify(o.type)}`);
  if (typeof o.eventId !== 'string' || !o.eventId) throw new Error('eventId missing');
  if (typeof o.orderId !== 'string' || !o.orderId) throw new Error('orderId missing');
  return {
    eventId: o.eventId,
    type: 'OrderCreated',
    orderId: o.orderId,
    user: typeof o.user === 'string' ? o.user : null,
    createdAt: typeof o.createdAt === 'string' ? o.createdAt : '',
  };
}

const MAX_FIELD = 200;

export type ParsedOrder = { ok: true; id: string; user: string | null } | { ok: false; error: string };

/** Validates POST /orders' body {id, user}. */
export function parseOrder(body: unknown): ParsedOrder {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: 'body must be a JSON object' };
  const o = body as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id || o.id.length > MAX_FIELD)
    return { ok: false, error: `id must be a non-empty string of at most ${MAX_FIELD} characters` };
  if (o.user !== undefined && o.user !== null && (typeof o.user !== 'string' || o.user.length > MAX_FIELD))
    return { ok: false, error: `user must be a string of at most ${MAX_FIELD} characters` };
  return { ok: true, id: o.id, user: typeof o.user === 'string' ? o.user : null };
}
