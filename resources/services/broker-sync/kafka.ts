// Kafka for the service (kafkajs, pure JS): the topic made with a known replica assignment,
// a producer that answers only once the broker acknowledged, and a consumer that applies
// events, reaches the named point, then commits, and is restarted whatever made it stop.
import { Kafka, logLevel, Partitioners, type Consumer, type LogEntry, type Producer } from 'kafkajs';
import type { ServiceConfig } from './config';
import {
  nextOffset,
  parseEvent,
  replicaAssignment,
  toMessage,
  type EventPosition,
  type OrderCreated,
} from './events';

export type Log = (line: string) => void;

const LEVEL: Record<number, string> = { 1: 'ERROR', 2: 'WARN', 4: 'INFO', 5: 'DEBUG' };

/** Retries long enough to ride out a broker that is down for ~10 s and then restarts. */
const RETRY = { initialRetryTime: 250, maxRetryTime: 2000, retries: 20 };

export function makeKafka(cfg: ServiceConfig, log: Log): Kafka {
  return new Kafka({
    clientId: cfg.node,
    brokers: cfg.brokers,
    connectionTimeout: 2000,
    requestTimeout: 8000,
    retry: RETRY,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) =>
        log(
          `kafkajs ${LEVEL[level] ?? level}: ${entry.message}${entry.error ? ` (${String(entry.error)})` : ''}`,
        ),
  });
}

export interface PartitionInfo {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
}

/** Creates the topic if absent (every instance tries; the first wins) and describes it. */
export async function ensureTopic(kafka: Kafka, cfg: ServiceConfig): Promise<PartitionInfo[]> {
  const admin = kafka.admin({ retry: RETRY });
  await admin.connect();
  try {
    const minIsr = cfg.brokerIds.length >= 3 ? 2 : 1;
    // A new topic only once every broker of its replica assignment is registered: created while
    // kafka-1 was still joining, partition 0 got broker 2 as its leader, not the first one
    // named (a 3-node run in CI). The caller tries again. A topic already there needs nothing.
    if (!(await admin.listTopics()).includes(cfg.topic)) {
      const live = new Set((await admin.describeCluster()).brokers.map((b) => b.nodeId));
      const missing = cfg.brokerIds.filter((id) => !live.has(id));
      if (missing.length)
        throw new Error(`brokers ${missing.join(', ')} not registered yet: topic ${cfg.topic} not created`);
    }
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: cfg.topic,
            replicaAssignment: replicaAssignment(cfg.partitions, cfg.brokerIds),
            configEntries: [{ name: 'min.insync.replicas', value: String(minIsr) }],
          },
        ],
      });
    } catch (e) {
      // Another instance made it first: TOPIC_ALREADY_EXISTS, possibly wrapped.
      if (!/already exists/i.test(JSON.stringify(e, Object.getOwnPropertyNames(e)))) throw e;
    }
    const md = await admin.fetchTopicMetadata({ topics: [cfg.topic] });
    const parts = md.topics[0]?.partitions ?? [];
    if (parts.length !== cfg.partitions)
      throw new Error(`topic ${cfg.topic} has ${parts.length} partitions, ${cfg.partitions} wanted`);
    return parts
      .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
      .sort((a, b) => a.partition - b.partition);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export class Publisher {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly cfg: ServiceConfig,
  ) {
    // Java's partitioner: a keyed event goes to murmur2(key) % partitions, an unkeyed one
    // round-robin over the partitions.
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      retry: RETRY,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  /**
   * Resolves once the broker acknowledged the event (with the configured acks), or rejects
   * after publishTimeoutMs; the producer may still deliver it later (an unknown outcome).
   */
  async publish(ev: OrderCreated): Promise<EventPosition> {
    const md = await withTimeout(
      this.producer.send({
        topic: this.cfg.topic,
        acks: this.cfg.acks,
        messages: [toMessage(ev, this.cfg.partitionKey)],
      }),
      this.cfg.publishTimeoutMs,
      'no acknowledgement from Kafka',
    );
    const r = md[0];
    return { partition: r?.partition ?? -1, offset: r?.baseOffset ?? r?.offset ?? '-1' };
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

const COMMIT_TIMEOUT_MS = 5000;

/** Rejects after ms (the promise itself goes on). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export type ApplyFn = (ev: OrderCreated, at: EventPosition) => Promise<void>;

export interface ConsumerHooks {
  /** Called after each event was applied, before its offset is committed (the named point). */
  afterApply(ev: OrderCreated, at: EventPosition): Promise<void>;
  onJoin(): void;
  log: Log;
}

/**
 * Consumes every event of the topic with this instance's own group, from the beginning the
 * first time, then from the committed offset. Offsets are committed after a batch is applied:
 * what was applied but not committed when the process dies is delivered again.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private stopped = false;
  joined = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly cfg: ServiceConfig,
    private readonly apply: ApplyFn,
    private readonly hooks: ConsumerHooks,
  ) {}

  async start(): Promise<void> {
    // A consumer left from a failed start or a crash must not keep a place in the group.
    await this.consumer?.disconnect().catch(() => undefined);
    const batching = this.cfg.consumerBatchMs > 0;
    const c = this.kafka.consumer({
      groupId: this.cfg.groupId,
      sessionTimeout: 6000,
      heartbeatInterval: 1000,
      rebalanceTimeout: 10_000,
      // fetch.min.bytes / fetch.max.wait.ms: with batching the broker holds each fetch up to
      // consumerBatchMs to gather events; without, it answers as soon as one is there.
      minBytes: batching ? 8 * 1024 * 1024 : 1,
      maxWaitTimeInMs: batching ? this.cfg.consumerBatchMs : 500,
      allowAutoTopicCreation: false,
      retry: RETRY,
    });
    this.consumer = c;
    c.on(c.events.GROUP_JOIN, (e) => {
      this.joined = true;
      this.hooks.log(`joined group ${this.cfg.groupId}: ${JSON.stringify(e.payload.memberAssignment)}`);
      this.hooks.onJoin();
    });
    c.on(c.events.CRASH, (e) => {
      this.hooks.log(
        `consumer crashed (${e.payload.error.message}); restart by kafkajs: ${e.payload.restart}`,
      );
      if (!e.payload.restart) this.restartLater();
    });
    await c.connect();
    await c.subscribe({ topics: [this.cfg.topic], fromBeginning: true });
    await c.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        let last: string | null = null;
        for (const m of batch.messages) {
          if (!isRunning() || isStale()) break;
          const ev = parseEvent(m.value);
          const at = { partition: batch.partition, offset: m.offset };
          if (ev) {
            await this.apply(ev, at);
            await this.hooks.afterApply(ev, at);
          }
          resolveOffset(m.offset);
          last = m.offset;
          await heartbeat();
        }
        if (last !== null) {
          // kafkajs keeps asking a coordinator that moved (NOT_COORDINATOR) for as long as its
          // retries last; failing fast restarts the consumer, which finds the new one.
          await withTimeout(
            c.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: nextOffset(last) }]),
            COMMIT_TIMEOUT_MS,
            'offset commit',
          );
        }
      },
    });
  }

  private restartLater(): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return;
      this.start().catch((e: unknown) => {
        this.hooks.log(`consumer restart failed: ${e instanceof Error ? e.message : String(e)}`);
        this.restartLater();
      });
    }, 1000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
