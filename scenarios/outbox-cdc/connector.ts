// The Debezium connector outbox-cdc registers (through the cdc-admin container): the
// PostgreSQL connector reading the WAL with pgoutput, the outbox event router turning each
// outbox row into an OrderCreated message on the orders topic. Pure.
//
// The outbox table is the writer's (resources/services/outbox/schema.ts): event_id is the
// message id (a header), order_id the message key, payload (jsonb) the message value, type
// the routing field. The router is applied only to the outbox table's records (a predicate):
// the connector also captures a heartbeat table, which Debezium writes every heartbeatMs.
// Without those heartbeat changes, a database whose captured tables go quiet gives the
// connector nothing to confirm, and the slot would hold the WAL back even after a restart.

export interface ConnectorOptions {
  /** The writer's database: host, user, password and name. */
  db: { host: string; user: string; password: string; database: string };
  slot: string;
  publication: string;
  heartbeatTable: string;
  heartbeatMs: number;
  /** Where the routed events go: the topic the consumer reads. */
  topic: string;
}

export const TOPIC_PREFIX = 'lab';

export function connectorConfig(o: ConnectorOptions): Record<string, string> {
  return {
    'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
    'plugin.name': 'pgoutput',
    'database.hostname': o.db.host,
    'database.port': '5432',
    'database.user': o.db.user,
    'database.password': o.db.password,
    'database.dbname': o.db.database,
    'topic.prefix': TOPIC_PREFIX,
    'table.include.list': `public.outbox,public.${o.heartbeatTable}`,
    'slot.name': o.slot,
    'publication.name': o.publication,
    'publication.autocreate.mode': 'filtered',
    // The outbox is empty when the connector starts: stream from the slot's creation on.
    'snapshot.mode': 'no_data',
    'heartbeat.interval.ms': String(o.heartbeatMs),
    'heartbeat.action.query': `INSERT INTO ${o.heartbeatTable} (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = excluded.at`,
    'tombstones.on.delete': 'false',
    transforms: 'outbox',
    'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
    'transforms.outbox.predicate': 'isOutbox',
    'transforms.outbox.table.field.event.id': 'event_id',
    'transforms.outbox.table.field.event.key': 'order_id',
    'transforms.outbox.table.field.event.payload': 'payload',
    'transforms.outbox.route.by.field': 'type',
    'transforms.outbox.route.topic.replacement': o.topic,
    predicates: 'isOutbox',
    'predicates.isOutbox.type': 'org.apache.kafka.connect.transforms.predicates.TopicNameMatches',
    'predicates.isOutbox.pattern': `${TOPIC_PREFIX}\\.public\\.outbox`,
    // The payload column holds the event's JSON: passed on as it is, as a string.
    'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
    'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
  };
}
