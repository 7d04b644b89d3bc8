// How the consumer applies one delivered event to its own store, inside one transaction.
//   idempotent: record the event id in processed_events (insert if absent) and apply the
//               effect only when the insert happened: a second delivery changes nothing.
//   blind:      apply the effect for every delivery: a redelivered event is applied twice.
import type { OrderCreated } from './event';

/** The part of a pg client used here (a transaction's client, or a fake in tests). */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rowCount: number | null }>;
}

export interface Delivery {
  event: OrderCreated;
  partition: number;
  offset: string;
}

export type ApplyResult = 'applied' | 'skipped-duplicate';

export async function applyDelivery(tx: Sql, d: Delivery, idempotent: boolean): Promise<ApplyResult> {
  if (idempotent) {
    const r = await tx.query(
      'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING',
      [d.event.eventId],
    );
    if (!r.rowCount) return 'skipped-duplicate';
  }
  await tx.query(
    'INSERT INTO effects (event_id, order_id, kafka_partition, kafka_offset) VALUES ($1, $2, $3, $4)',
    [d.event.eventId, d.event.orderId, d.partition, d.offset],
  );
  return 'applied';
}
