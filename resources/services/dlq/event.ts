// What the order API accepts and what it publishes. An order request names the client's own
// reference for it (`ref`: the same on every retry of one request) and the card to charge;
// the API gives each order it creates a new id. OrderPlaced goes to Kafka keyed by that id.
//   card 'valid'   the payment gateway charges it on the first try
//   card 'flaky'   the gateway times out on the first try, charges it on the next
//   card 'poison'  the gateway fails on every try (the message can never be processed)

export const CARDS = ['valid', 'flaky', 'poison'] as const;
export type Card = (typeof CARDS)[number];

export interface OrderRequest {
  ref: string;
  user: string | null;
  amountCents: number;
  card: Card;
}

export interface OrderPlaced {
  type: 'OrderPlaced';
  orderId: string;
  ref: string;
  user: string | null;
  amountCents: number;
  card: Card;
}

const MAX_FIELD = 200;

export function parseOrderRequest(
  body: unknown,
): { ok: true; order: OrderRequest } | { ok: false; error: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, error: 'body must be a JSON object' };
  const o = body as Record<string, unknown>;
  if (typeof o.ref !== 'string' || !o.ref || o.ref.length > MAX_FIELD)
    return { ok: false, error: `ref must be a non-empty string of at most ${MAX_FIELD} characters` };
  if (o.user !== undefined && o.user !== null && (typeof o.user !== 'string' || o.user.length > MAX_FIELD))
    return { ok: false, error: `user must be a string of at most ${MAX_FIELD} characters` };
  const amount = o.amountCents ?? 1000;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > 10_000_000)
    return { ok: false, error: 'amountCents must be an integer from 1 to 10000000' };
  const card = o.card ?? 'valid';
  if (typeof card !== 'string' || !(CARDS as readonly string[]).includes(card))
    return { ok: false, error: `card must be one of ${CARDS.join(' | ')}` };
  return {
    ok: true,
    order: {
      ref: o.ref,
      user: typeof o.user === 'string' ? o.user : null,
      amountCents: amount,
      card: card as Card,
    },
  };
}

export function encodeEvent(e: OrderPlaced): { key: string; value: string; headers: Record<string, string> } {
  return { key: e.orderId, value: JSON.stringify(e), headers: { type: e.type } };
}

/** Parses a message value; throws on anything that is not an OrderPlaced event. */
export function decodeEvent(value: Buffer | string | null): OrderPlaced {
  if (value === null) throw new Error('empty message');
  const v: unknown = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  if (typeof v !== 'object' || v === null) throw new Error('message is not a JSON object');
  const o = v as Record<string, unknown>;
  if (o.type !== 'OrderPlaced') throw new Error(`unknown event type ${JSON.stringify(o.type)}`);
  if (typeof o.orderId !== 'string' || !o.orderId) throw new Error('orderId missing');
  if (typeof o.ref !== 'string' || !o.ref) throw new Error('ref missing');
  const card = (CARDS as readonly string[]).includes(String(o.card)) ? (o.card as Card) : 'valid';
  return {
    type: 'OrderPlaced',
    orderId: o.orderId,
    ref: o.ref,
    user: typeof o.user === 'string' ? o.user : null,
    amountCents: typeof o.amountCents === 'number' ? o.amountCents : 0,
    card,
  };
}

/** How the lab's stores name one order: "<client ref>/<order id>". */
export function orderKey(ref: string, orderId: string): string {
  return `${ref}/${orderId}`;
}
