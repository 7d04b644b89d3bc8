// Is a Kafka node ready? Asked from the lab's process with one metadata request (kafkajs)
// through the node's published port, instead of `kafka-ready` inside the container, which
// starts a JVM (kafka-topics) per attempt: ~1 core-second each, taken from the very broker
// that is booting on the same cores, and noticed up to a JVM start late. Ready = the node
// answers a metadata request naming at least one broker and a controller, which is what
// `kafka-topics --list` needs too. Every broker name in the answer is reached at this node's
// endpoint: the question goes to this node only.
import net from 'node:net';
import { Kafka, logLevel } from 'kafkajs';
import type { Endpoint } from '../scenario';

export async function kafkaAnswers(ep: Endpoint, timeoutMs: number): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'chaoslab-ready-probe',
    brokers: [`${ep.host}:${ep.port}`],
    socketFactory: ({ onConnect }) => net.connect({ host: ep.host, port: ep.port }, onConnect),
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin({ retry: { retries: 0 } });
  try {
    await admin.connect();
    const c = await admin.describeCluster();
    return c.brokers.length > 0 && c.controller !== null && c.controller >= 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
