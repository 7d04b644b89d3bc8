// The OrderCreated event on the wire, the message key that picks its partition, and the
// replica assignment of the topic. Pure.

export interface NewOrder {
  id: string;
  user: string | null;
  item: string | null;
}

export interface OrderCreated extends NewOrder {
  type: 'OrderCreated';
  /** The instance that took the order. */
  origin: string;
  createdAt: string;
}

/** Where an event was read from. Offsets are strings: Kafka's are 64-bit. */
export interface EventPosition {
  partition: number;
  offset: string;
}

export function orderCreated(o: NewOrder, origin: string, now: Date): OrderCreated {
  return { type: 'OrderCreated', id: o.id, user: o.user, item: o.item, origin, createdAt: now.toISOString() };
}

/**
 * The message for an event. With partitionKey "user", every event of one user carries the
 * same key, so it lands on one partition, where Kafka keeps its order. With "none" the key
 * is null and the producer spreads events over the partitions.
 */
export function toMessage(
  ev: OrderCreated,
  partitionKey: 'user' | 'none',
): { key: string | null; value: string } {
  return { key: partitionKey === 'user' ? (ev.user ?? ev.id) : null, value: JSON.stringify(ev) };
}

function isStringOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}

/** The event in a message value, or null for anything that is not an OrderCreated. */
export function parseEvent(value: Buffer | string | null | undefined): OrderCreated | null {
  if (value === null || value === undefined) return null;
  let v: unknown;
  try {
    v = JSON.parse(value.toString());
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  if (o.type !== 'OrderCreated' || typeof o.id !== 'string' || !o.id) return null;
  if (!isStringOrNull(o.user ?? null) || !isStringOrNull(o.item ?? null)) return null;
  return {
    type: 'OrderCreated',
    id: o.id,
    user: (o.user as string | null | undefined) ?? null,
    item: (o.item as string | null | undefined) ?? null,
    origin: typeof o.origin === 'string' ? o.origin : '',
    createdAt: typeof o.createdAt === 'string' ? o.createdAt : '',
  };
}

/**
 * Replicas of each partition, as many as there are brokers (at most 3): partition p is led by
 * brokerIds[p % n] first, so partition 0's leader is known in advance (the first broker).
 */
export function replicaAssignment(
  partitions: number,
  brokerIds: number[],
): { partition: number; replicas: number[] }[] {
  const n = brokerIds.length;
  if (n === 0) throw new Error('no broker ids');
  const rf = Math.min(n, 3);
  return Array.from({ length: partitions }, (_, p) => ({
    partition: p,
    replicas: Array.from({ length: rf }, (_, r) => brokerIds[(p + r) % n]),
  }));
}

/** The offset to commit after `offset` was applied: the next one to read. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
