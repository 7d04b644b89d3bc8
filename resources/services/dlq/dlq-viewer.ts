// The lab's view of the dead letter queue: a consumer in a group of its own (new at every
// start) that reads the DLQ topic from the beginning and keeps every message it saw.
// GET /dlq lists one id "<ref>/<order id>" per message, in the order read.
import { randomBytes } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import { decodeEvent, orderKey } from './event';
import { topicSize } from '../lib/kafka';

export interface DeadLetter {
  id: string;
  error: string | null;
  attempts: number | null;
  partition: number;
  offset: string;
}

/** The id of a DLQ message: from its OrderPlaced value, else "?/<key>". Pure. */
export function deadLetterId(key: string | null, value: Buffer | null): string {
  try {
    const e = decodeEvent(value);
    return orderKey(e.ref, e.orderId);
  } catch {
    return `?/${key ?? ''}`;
  }
}

export class DlqViewer {
  ready = false;
  readonly seen: DeadLetter[] = [];
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly admin: Admin,
    private readonly topic: string,
    private readonly log: (l: string) => void,
  ) {
    this.consumer = kafka.consumer({
      groupId: `dlq-viewer-${randomBytes(4).toString('hex')}`,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    });
  }

  async start(): Promise<void> {
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.ready = true;
      this.log(`dlq viewer reading ${this.topic}`);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const h = message.headers ?? {};
        const text = (k: string) => (h[k] === undefined ? null : String(h[k]));
        this.seen.push({
          id: deadLetterId(message.key?.toString() ?? null, message.value),
          error: text('x-error'),
          attempts: text('x-attempts') === null ? null : Number(text('x-attempts')),
          partition,
          offset: message.offset,
        });
      },
    });
  }

  /** Messages on the DLQ topic, and how many of them this viewer has read. */
  async depth(): Promise<{ messages: number; seen: number }> {
    return { messages: await topicSize(this.admin, this.topic), seen: this.seen.length };
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}
