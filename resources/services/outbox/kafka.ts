// Kafka access for the roles (kafkajs, bundled): a client, the topic made sure of, and a
// producer that waits for every in-sync replica (acks=all).
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { Config } from './config';

export function kafkaClient(c: Config, log: (l: string) => void): Kafka {
  return new Kafka({
    clientId: c.node,
    brokers: c.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }) => {
        const { message, ...rest } = entry;
        const lvl = level === logLevel.ERROR ? 'error' : 'warn';
        log(`kafka ${lvl} ${namespace}: ${message} ${JSON.stringify(rest.error ?? '')}`);
      },
  });
}

/** Creates the topic unless it exists (several roles may race to create it). */
export async function ensureTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = await admin.listTopics();
    if (topics.includes(topic)) return;
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
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
