// The tables, created by the services at start (idempotent DDL).
// Writer's database: the orders and the outbox (used in outbox mode; empty in dual-write).
// Consumer's own database: the effects it applied and, when idempotent, the events it processed.

export const WRITER_SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  id          text PRIMARY KEY,
  user_id     text,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS outbox (
  id          bigserial PRIMARY KEY,
  event_id    text NOT NULL UNIQUE,
  order_id    text NOT NULL,
  type        text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  sent_at     timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
`;

export const CONSUMER_SCHEMA = `
CREATE TABLE IF NOT EXISTS processed_events (
  event_id      text PRIMARY KEY,
  processed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS effects (
  seq              bigserial PRIMARY KEY,
  event_id         text NOT NULL,
  order_id         text NOT NULL,
  kafka_partition  integer NOT NULL,
  kafka_offset     bigint NOT NULL,
  applied_at       timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;
