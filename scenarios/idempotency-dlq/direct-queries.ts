// For the integration tests: read what idempotency-dlq left behind the way a person checks it
// by hand, bypassing the services: psql inside the database container, Kafka's own tools
// inside the broker.
import type { ContainerAccess } from '../../main/engine/runner';
import { psql as psqlIn, topicMessages } from '../shared-outbox/direct-queries';
import { C, DLQ_TOPIC, TOPIC } from './names';

export const psql = (access: ContainerAccess, db: 'lab' | 'payments', sql: string): Promise<string[]> =>
  psqlIn(access, db, sql);

/** Messages on a topic, all partitions (end offsets; nothing is deleted during a run). */
export const topicSize = (access: ContainerAccess, topic: string): Promise<number> =>
  topicMessages(access, topic);

/** Every message of the DLQ topic, read from the beginning with the console consumer. */
export async function dlqMessages(
  access: ContainerAccess,
  expected: number,
): Promise<{ key: string; ref: string; orderId: string }[]> {
  const r = await access.exec(C.kafka, [
    'kafka-console-consumer',
    '--bootstrap-server',
    'localhost:9092',
    '--topic',
    DLQ_TOPIC,
    '--from-beginning',
    '--max-messages',
    String(Math.max(1, expected)),
    '--timeout-ms',
    '15000',
    '--property',
    'print.key=true',
    '--property',
    'key.separator=|',
  ]);
  return r.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[^|]*\|\{/.test(l))
    .map((l) => {
      const i = l.indexOf('|');
      const v = JSON.parse(l.slice(i + 1)) as { ref: string; orderId: string };
      return { key: l.slice(0, i), ref: v.ref, orderId: v.orderId };
    });
}

export interface DirectDlq {
  /** "<ref>/<id>" of every order row, in order. */
  orders: string[];
  duplicateOrders: number;
  /** "<ref>/<order id>" of every payment row. */
  payments: string[];
  /** Extra payments per ref: a customer charged more than once. */
  doubleCharges: number;
  /** "<ref>/<order id>" of every DLQ message. */
  dlq: string[];
  /** DLQ messages whose key is not their order id. */
  dlqKeyMismatches: number;
  ordersTopic: number;
  dlqTopic: number;
  processed: Record<string, number>;
}

export async function readDirect(access: ContainerAccess): Promise<DirectDlq> {
  const orders = await psql(access, 'lab', "SELECT ref || '/' || id FROM orders ORDER BY seq");
  const [dup] = await psql(access, 'lab', 'SELECT count(*) - count(DISTINCT ref) FROM orders');
  const payments = await psql(access, 'payments', "SELECT ref || '/' || order_id FROM payments ORDER BY seq");
  const [charges] = await psql(
    access,
    'payments',
    'SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM payments GROUP BY ref) x',
  );
  const processed = Object.fromEntries(
    (
      await psql(
        access,
        'payments',
        "SELECT outcome || '|' || count(*) FROM processed_messages GROUP BY outcome",
      )
    ).map((l) => [l.split('|')[0], Number(l.split('|')[1])]),
  );
  const dlqTopic = await topicSize(access, DLQ_TOPIC);
  const letters = dlqTopic ? await dlqMessages(access, dlqTopic) : [];
  return {
    orders,
    duplicateOrders: Number(dup),
    payments,
    doubleCharges: Number(charges),
    dlq: letters.map((m) => `${m.ref}/${m.orderId}`),
    dlqKeyMismatches: letters.filter((m) => m.key !== m.orderId).length,
    ordersTopic: await topicSize(access, TOPIC),
    dlqTopic,
    processed,
  };
}
