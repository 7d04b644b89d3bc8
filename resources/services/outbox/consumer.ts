// The consumer: reads `orders` in a consumer group and applies each OrderCreated into its own
// database (see apply.ts). GET /orders lists the order id of every applied effect, in order,
// so an event applied twice shows twice. GET /stats: deliveries, duplicates skipped, lag.
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Config } from './config';
import { decodeEvent } from './event';
import { applyDelivery, type ApplyResult } from './apply';
import { lagOf } from '../lib/kafka';
import { withTx, type Pool } from './db';
import type { Handler } from '../lib/json-server';

export class OrderConsumer {
  ready = false;
  private consumer: Consumer;
  private admin: Admin;
  private readonly processedUpTo = new Map<number, bigint>();
  private readonly counts: Record<ApplyResult | 'deliveries' | 'rejected', number> = {
    deliveries: 0,
    applied: 0,
    'skipped-duplicate': 0,
    rejected: 0,
  };

  constructor(
    private readonly kafka: Kafka,
    private readonly pool: Pool,
    private readonly c: Pick<Config, 'topic' | 'groupId' | 'idempotent'>,
    private readonly log: (l: string) => void,
  ) {
    this.consumer = kafka.consumer({ groupId: c.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    this.admin = kafka.admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.ready = true;
      this.log(`joined group ${e.payload.groupId} as ${e.payload.memberId}`);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.c.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }) => {
        this.counts.deliveries++;
        let event;
        try {
          event = decodeEvent(message.value);
        } catch (e) {
          this.counts.rejected++;
          this.log(`skipping message at ${partition}/${message.offset}: ${String(e)}`);
          this.processedUpTo.set(partition, BigInt(message.offset));
          return;
        }
        const r = await withTx(this.pool, (tx) =>
          applyDelivery(tx, { event, partition, offset: message.offset }, this.c.idempotent),
        );
        this.counts[r]++;
        this.processedUpTo.set(partition, BigInt(message.offset));
      },
    });
  }

  /** Messages not yet applied, and messages on the topic in all. */
  async lag(): Promise<{ lag: number; messages: number }> {
    const [offsets, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(this.c.topic),
      this.admin.fetchOffsets({ groupId: this.c.groupId, topics: [this.c.topic] }),
    ]);
    const com = new Map<number, bigint>();
    for (const t of committed)
      for (const p of t.partitions) com.set(p.partition, BigInt(p.offset === '' ? '-1' : p.offset));
    const messages = offsets.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
    return { lag: lagOf(offsets, this.processedUpTo, com), messages };
  }

  routes(): Record<string, Handler> {
    return {
      'GET /orders': async () => {
        const r = await this.pool.query<{ order_id: string }>('SELECT order_id FROM effects ORDER BY seq');
        return { status: 200, body: { ids: r.rows.map((x) => x.order_id) } };
      },
      'GET /stats': async () => {
        const [db, lag] = await Promise.all([
          this.pool.query<{ effects: string; events: string }>(
            'SELECT count(*) AS effects, count(DISTINCT event_id) AS events FROM effects',
          ),
          this.lag().catch((e: unknown) => (e instanceof Error ? e.message : String(e))),
        ]);
        const effects = Number(db.rows[0].effects);
        const events = Number(db.rows[0].events);
        return {
          status: 200,
          body: {
            ready: this.ready,
            idempotent: this.c.idempotent,
            ...this.counts,
            effects,
            distinctEvents: events,
            duplicateEffects: effects - events,
            lag: typeof lag === 'string' ? null : lag.lag,
            messagesOnTopic: typeof lag === 'string' ? null : lag.messages,
            lagError: typeof lag === 'string' ? lag : undefined,
          },
        };
      },
    };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}
