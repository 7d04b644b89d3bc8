// Role `payments`: a payment-like consumer of the orders topic. Delivery is at least once:
// the offset is committed after a message is handled, so a crash replays it. Each message:
//   already in processed_messages      skipped (a redelivery: charged or dead-lettered before)
//   else charge it with retries        (retry.ts: backoff, up to MAX_ATTEMPTS tries)
//     charged   payment row + processed_messages row, in one transaction
//     gave up   processed_messages row (dead) + the message sent to the DLQ topic with the
//               last error and the number of tries in headers, then committed
// A message under retry holds up its partition (in order processing): the price of retrying
// in place. Reads for the lab: GET /payments (ids "<ref>/<order id>", one per payment row),
// GET /dlq (one per DLQ message, see dlq-viewer.ts), GET /stats.
import type { Admin, Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Config } from './config';
import { decodeEvent, orderKey, type OrderPlaced } from './event';
import { charge } from './gateway';
import { withRetries, type RetryPolicy } from './retry';
import { sleep, withTx, type Pool } from './db';
import { groupLag } from '../lib/kafka';
import type { DlqViewer } from './dlq-viewer';
import type { Routes } from '../lib/json-server';

export const PAYMENTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS processed_messages (
  order_id  text PRIMARY KEY,
  outcome   text NOT NULL,
  attempts  integer NOT NULL,
  at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TABLE IF NOT EXISTS payments (
  seq              bigserial PRIMARY KEY,
  order_id         text NOT NULL,
  ref              text NOT NULL,
  amount_cents     integer NOT NULL,
  attempts         integer NOT NULL,
  kafka_partition  integer NOT NULL,
  kafka_offset     bigint NOT NULL,
  paid_at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
`;

export interface Counts {
  deliveries: number;
  applied: number;
  skippedDuplicates: number;
  attempts: number;
  retries: number;
  deadLettered: number;
  undecodable: number;
}

export class PaymentsConsumer {
  ready = false;
  private readonly consumer: Consumer;
  private readonly processedUpTo = new Map<number, bigint>();
  private processing = 0;
  readonly counts: Counts = {
    deliveries: 0,
    applied: 0,
    skippedDuplicates: 0,
    attempts: 0,
    retries: 0,
    deadLettered: 0,
    undecodable: 0,
  };

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly pool: Pool,
    private readonly c: Pick<Config, 'topic' | 'dlqTopic' | 'groupId'>,
    private readonly policy: RetryPolicy,
    private readonly viewer: DlqViewer,
    private readonly log: (l: string) => void,
  ) {
    this.consumer = kafka.consumer({ groupId: c.groupId, sessionTimeout: 15_000, heartbeatInterval: 1000 });
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.ready = true;
      this.log(`joined group ${e.payload.groupId}`);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.c.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message, heartbeat }) => {
        this.processing++;
        try {
          await this.handle(topic, partition, message, heartbeat);
          this.processedUpTo.set(partition, BigInt(message.offset));
        } finally {
          this.processing--;
        }
      },
    });
  }

  private async handle(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    this.counts.deliveries++;
    let event: OrderPlaced;
    try {
      event = decodeEvent(message.value);
    } catch (e) {
      this.counts.undecodable++;
      await this.deadLetter(null, message, topic, partition, 0, `undecodable: ${String(e)}`);
      return;
    }
    const done = await this.pool.query('SELECT 1 FROM processed_messages WHERE order_id = $1', [
      event.orderId,
    ]);
    if (done.rowCount) {
      this.counts.skippedDuplicates++;
      return;
    }
    const out = await withRetries(
      this.policy,
      async (attempt) => {
        this.counts.attempts++;
        if (attempt > 1) this.counts.retries++;
        charge(event.card, attempt);
        return withTx(this.pool, async (tx) => {
          const mark = await tx.query(
            `INSERT INTO processed_messages (order_id, outcome, attempts) VALUES ($1, 'paid', $2)
             ON CONFLICT (order_id) DO NOTHING`,
            [event.orderId, attempt],
          );
          if (!mark.rowCount) return 'duplicate' as const;
          await tx.query(
            `INSERT INTO payments (order_id, ref, amount_cents, attempts, kafka_partition, kafka_offset)
             VALUES ($1, $2, $3, $4, $5, $6)`,
            [event.orderId, event.ref, event.amountCents, attempt, partition, message.offset],
          );
          return 'paid' as const;
        });
      },
      async (ms) => {
        await sleep(ms);
        await heartbeat().catch(() => undefined);
      },
      (attempt, error) => this.log(`order ${event.orderId} (${event.ref}) try ${attempt} failed: ${error}`),
    );
    if (out.ok) {
      if (out.value === 'paid') this.counts.applied++;
      else this.counts.skippedDuplicates++;
      return;
    }
    await this.deadLetter(event, message, topic, partition, out.attempts, out.errors[out.errors.length - 1]);
  }

  /** Marks the message dead and sends it to the DLQ in one step: both, or neither (retried). */
  private async deadLetter(
    event: OrderPlaced | null,
    message: KafkaMessage,
    topic: string,
    partition: number,
    attempts: number,
    error: string,
  ): Promise<void> {
    const send = () =>
      this.producer.send({
        topic: this.c.dlqTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: {
              'x-error': error,
              'x-attempts': String(attempts),
              'x-original-topic': topic,
              'x-original-partition': String(partition),
              'x-original-offset': message.offset,
            },
          },
        ],
      });
    if (!event) {
      await send();
      this.counts.deadLettered++;
      return;
    }
    const sent = await withTx(this.pool, async (tx) => {
      const mark = await tx.query(
        `INSERT INTO processed_messages (order_id, outcome, attempts) VALUES ($1, 'dead', $2)
         ON CONFLICT (order_id) DO NOTHING`,
        [event.orderId, attempts],
      );
      if (!mark.rowCount) return false;
      await send();
      return true;
    });
    if (sent) {
      this.counts.deadLettered++;
      this.log(
        `order ${event.orderId} (${event.ref}) sent to ${this.c.dlqTopic} after ${attempts} tries: ${error}`,
      );
    } else this.counts.skippedDuplicates++;
  }

  routes(): Routes {
    return {
      'GET /payments': async () => {
        const r = await this.pool.query<{ order_id: string; ref: string }>(
          'SELECT order_id, ref FROM payments ORDER BY seq',
        );
        return { status: 200, body: { ids: r.rows.map((x) => orderKey(x.ref, x.order_id)) } };
      },
      'GET /dlq': () => ({
        status: 200,
        body: { ids: this.viewer.seen.map((d) => d.id), letters: this.viewer.seen },
      }),
      'GET /stats': async () => {
        const [db, lag, dlq] = await Promise.all([
          this.pool.query<{ n: string; orders: string }>(
            'SELECT count(*) AS n, count(DISTINCT order_id) AS orders FROM payments',
          ),
          groupLag(this.admin, this.c.groupId, this.c.topic, this.processedUpTo).catch((e: unknown) =>
            String(e),
          ),
          this.viewer.depth().catch((e: unknown) => String(e)),
        ]);
        return {
          status: 200,
          body: {
            ready: this.ready && this.viewer.ready,
            ...this.counts,
            processing: this.processing,
            payments: Number(db.rows[0].n),
            paidOrders: Number(db.rows[0].orders),
            lag: typeof lag === 'number' ? lag : null,
            dlqMessages: typeof dlq === 'string' ? null : dlq.messages,
            dlqSeen: typeof dlq === 'string' ? null : dlq.seen,
            error: typeof lag === 'string' ? lag : typeof dlq === 'string' ? dlq : undefined,
          },
        };
      },
    };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
