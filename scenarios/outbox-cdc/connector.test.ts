import { describe, it, expect } from 'vitest';
import { connectorConfig } from './connector';

const cfg = connectorConfig({
  db: { host: 'db', user: 'lab', password: 'lab', database: 'lab' },
  slot: 'outbox_slot',
  publication: 'outbox_pub',
  heartbeatTable: 'cdc_heartbeat',
  heartbeatMs: 1000,
  topic: 'orders',
});

describe('connectorConfig', () => {
  it('reads the writer’s outbox with pgoutput and routes each row to the orders topic', () => {
    expect(cfg).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'database.hostname': 'db',
      'slot.name': 'outbox_slot',
      'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
      'transforms.outbox.table.field.event.id': 'event_id',
      'transforms.outbox.table.field.event.key': 'order_id',
      'transforms.outbox.route.topic.replacement': 'orders',
    });
  });

  it('captures the heartbeat table too, and routes only the outbox table’s records', () => {
    expect(cfg['table.include.list']).toBe('public.outbox,public.cdc_heartbeat');
    expect(cfg['heartbeat.action.query']).toMatch(/^INSERT INTO cdc_heartbeat /);
    expect(new RegExp(`^${cfg['predicates.isOutbox.pattern']}$`).test('lab.public.outbox')).toBe(true);
    expect(new RegExp(`^${cfg['predicates.isOutbox.pattern']}$`).test('lab.public.cdc_heartbeat')).toBe(
      false,
    );
  });

  it('is all strings (Connect’s REST API takes string values)', () => {
    expect(Object.values(cfg).every((v) => typeof v === 'string')).toBe(true);
  });
});
