// Kafka access for the services (kafkajs, bundled): a client, topics made sure of, an
// acks=all producer, a topic's size and the lag of a consumer group. Used by the outbox and
// dlq services.
import { Kafka, logLevel, Partitioners, type Admin, type Producer } from 'kafkajs';

export function kafkaClient(clientId: string, brokers: string[], log: (l: string) => void): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }) => {
        const { message, ...rest } = entry;
        log(
          `kafka ${level === logLevel.ERROR ? 'error' : 'warn'} ${namespace}: ${message} ${JSON.stringify(rest.error ?? '')}`,
        );
      },
  });
}

/**
 * Throws at once unless a broker answers a metadata request with a controller behind it. A
 * role checks this first when it was started together with Kafka (its container starts as
 * soon as Kafka's has, not once it is ready): serveRole tries the start again within 500 ms,
 * where a kafkajs client left to its own retries would back off for seconds.
 */
export async function kafkaReachable(brokers: string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'start-check',
    brokers,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  }).admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    if (!c.brokers.length || c.controller === null || c.controller < 0)
      throw new Error('Kafka answered without a controller yet');
  } catch (e) {
    throw new Error(
      `Kafka at ${brokers.join(',')} is not ready: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Creates each topic unless it exists (several roles may race to create it). */
export async function ensureTopics(
  kafka: Kafka,
  topics: { topic: string; partitions: number }[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const have = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !have.has(t.topic));
    if (!missing.length) return;
    try {
      await admin.createTopics({
        topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions })),
        waitForLeaders: true,
      });
    } catch (e) {
      if (!/already exists/i.test(e instanceof Error ? e.message : String(e))) throw e;
    }
  } finally {
    await admin.disconnect();
  }
}

export async function connectProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    retry: { initialRetryTime: 200, retries: 5 },
  });
  await producer.connect();
  return producer;
}

/** Messages on `topic` in all partitions (high - low watermarks). */
export async function topicSize(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
}

/**
 * Messages a group has not processed yet: per partition, from the furthest of its committed
 * offset, its own processed offset + 1 and the low watermark, up to the high watermark. Pure.
 */
export function lagOf(
  partitions: { partition: number; high: string; low: string }[],
  processedUpTo: ReadonlyMap<number, bigint>,
  committed: ReadonlyMap<number, bigint>,
): number {
  let lag = 0n;
  for (const p of partitions) {
    let next = BigInt(p.low);
    const c = committed.get(p.partition);
    if (c !== undefined && c > next) next = c;
    const done = processedUpTo.get(p.partition);
    if (done !== undefined && done + 1n > next) next = done + 1n;
    const high = BigInt(p.high);
    if (high > next) lag += high - next;
  }
  return Number(lag);
}

export async function groupLag(
  admin: Admin,
  groupId: string,
  topic: string,
  processedUpTo: ReadonlyMap<number, bigint>,
): Promise<number> {
  const [offsets, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const com = new Map<number, bigint>();
  for (const t of committed)
    for (const p of t.partitions) com.set(p.partition, BigInt(p.offset === '' ? '-1' : p.offset));
  return lagOf(offsets, processedUpTo, com);
}
