// For the integration tests: read the stores the way a person checks them by hand, bypassing
// the services: psql inside the database container, Kafka's own tool inside the broker.
// (idempotency-dlq's tests use psql and topicMessages too: same container names.)
import type { ContainerAccess } from '../../main/engine/runner';
import { C } from './names';

/** Rows of a query, one trimmed line each (psql -tA), on database `db` of the db container. */
export async function psql(access: ContainerAccess, db: string, sql: string): Promise<string[]> {
  const r = await access.exec(C.db, [
    'psql',
    '-X',
    '-q',
    '-h',
    '/var/run/postgresql',
    '-U',
    'lab',
    '-d',
    db,
    '-tA',
    '-c',
    sql,
  ]);
  if (r.exitCode !== 0) throw new Error(`psql on ${db} failed (${r.exitCode}): ${r.text}`);
  return r.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Messages on the topic in all partitions (end offsets; nothing is deleted in a run). */
export async function topicMessages(access: ContainerAccess, topic = 'orders'): Promise<number> {
  const r = await access.exec(C.kafka, [
    'kafka-get-offsets',
    '--bootstrap-server',
    'localhost:9092',
    '--topic',
    topic,
  ]);
  const lines = r.text
    .split('\n')
    .filter((l) => new RegExp(`^${topic.replace(/\./g, '\\.')}:\\d+:\\d+$`).test(l.trim()));
  if (r.exitCode !== 0 || !lines.length)
    throw new Error(`kafka-get-offsets ${topic} failed (${r.exitCode}): ${r.text}`);
  return lines.reduce((n, l) => n + Number(l.trim().split(':')[2]), 0);
}

export interface DirectStores {
  orders: string[];
  effects: string[];
  /** Effects minus distinct events, as SQL counts them. */
  duplicateEffects: number;
  unsentOutbox: number | null;
  processedEvents: number;
  topicMessages: number;
}

export async function readDirect(access: ContainerAccess, withOutbox: boolean): Promise<DirectStores> {
  const orders = await psql(access, 'lab', 'SELECT id FROM orders ORDER BY id');
  const effects = await psql(access, 'consumer', 'SELECT order_id FROM effects ORDER BY order_id, seq');
  const [dup] = await psql(access, 'consumer', 'SELECT count(*) - count(DISTINCT event_id) FROM effects');
  const [processed] = await psql(access, 'consumer', 'SELECT count(*) FROM processed_events');
  const unsent = withOutbox
    ? Number((await psql(access, 'lab', 'SELECT count(*) FROM outbox WHERE sent_at IS NULL'))[0])
    : null;
  return {
    orders,
    effects,
    duplicateEffects: Number(dup),
    unsentOutbox: unsent,
    processedEvents: Number(processed),
    topicMessages: await topicMessages(access),
  };
}

/** The detail of every "holds at <point> (...)" line the run logged, parsed. */
export function heldAt(events: readonly { type: string; message?: string }[], point: string): unknown[] {
  const out: unknown[] = [];
  for (const e of events) {
    if (e.type !== 'log' || !e.message) continue;
    const m = new RegExp(`holds at ${point} \\((.*)\\): kill$`).exec(e.message);
    if (m) out.push(JSON.parse(m[1]));
  }
  return out;
}
