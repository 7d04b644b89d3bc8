// Reads Kafka consumer groups' lag from the lab's side with a kafkajs admin client: the
// group's committed offsets (OffsetFetch), then its topics' end offsets (ListOffsets), so a
// lag is never read below what was committed. The brokers advertise their names on the
// run's network (kafka-1:9092); the client's sockets go to where the lab reaches those
// ports instead (the published port on the engine's host), so nothing in the broker's
// configuration has to know the host port. One admin client, one read in flight.
import net from 'node:net';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { ConsumerLagSpec, Endpoint } from '../scenario';
import type { StoreSnapshot } from '../events';
import { groupLag, lagSeriesName, LAG_UNIT, type PartitionCommit, type PartitionEnds } from './consumer-lag';

export const KAFKA_PORT = 9092;

export class ConsumerLagProbe {
  private admin?: Admin;
  private connecting?: Promise<Admin>;
  private closed = false;
  private readonly timeoutMs: number;

  constructor(
    private readonly spec: ConsumerLagSpec,
    private readonly endpoint: (c: string, p: number) => Endpoint,
    intervalMs: number,
  ) {
    this.timeoutMs = Math.min(5000, Math.max(1000, 4 * intervalMs));
  }

  /** The groups' names as gauge series, in the order they are read. */
  get names(): string[] {
    return this.spec.groups.map((g) => lagSeriesName(g.group));
  }

  private client(): Kafka {
    const port = this.spec.port ?? KAFKA_PORT;
    const where = (host: string, p: number): Endpoint => {
      try {
        return this.endpoint(host, p);
      } catch {
        return { host, port: p }; // not a container of this run, or its port is not published now
      }
    };
    return new Kafka({
      clientId: 'chaoslab-lag-probe',
      brokers: this.spec.brokers.map((b) => `${b}:${port}`),
      socketFactory: ({ host, port: p, onConnect }) => {
        const to = where(host, p);
        const socket = net.connect({ host: to.host, port: to.port }, onConnect);
        socket.setKeepAlive(true, 60_000);
        return socket;
      },
      connectionTimeout: 1000,
      requestTimeout: this.timeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
  }

  private connect(): Promise<Admin> {
    if (this.closed) return Promise.reject(new Error('closed'));
    if (this.admin) return Promise.resolve(this.admin);
    this.connecting ??= (async () => {
      const admin = this.client().admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        // Loads the brokers and the topics' partitions: OffsetFetch goes through the broker
        // pool, which is empty until metadata has been read once.
        await admin.fetchTopicMetadata({ topics: [...new Set(this.spec.groups.flatMap((g) => g.topics))] });
      } catch (e) {
        await admin.disconnect().catch(() => undefined);
        throw e;
      }
      if (this.closed) {
        await admin.disconnect().catch(() => undefined);
        throw new Error('closed');
      }
      this.admin = admin;
      return admin;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Drops the client after a read that failed anywhere: the next read starts afresh, with
   * fresh metadata (new partition leaders, a new group coordinator after a broker died).
   */
  private reset(): void {
    const a = this.admin;
    this.admin = undefined;
    void a?.disconnect().catch(() => undefined);
  }

  private async readAll(): Promise<StoreSnapshot[]> {
    const admin = await this.connect();
    const groups = this.spec.groups;
    const commits = await Promise.allSettled(
      groups.map((g) => admin.fetchOffsets({ groupId: g.group, topics: g.topics })),
    );
    const topics = [...new Set(groups.flatMap((g) => g.topics))];
    const ends = new Map<string, PartitionEnds[]>();
    const endsFailed = new Set<string>();
    await Promise.all(
      topics.map((t) =>
        admin.fetchTopicOffsets(t).then(
          (r) =>
            void ends.set(
              t,
              r.map((p) => ({ partition: p.partition, high: p.high, low: p.low })),
            ),
          () => void endsFailed.add(t),
        ),
      ),
    );
    return groups.map((g, i) => {
      const c = commits[i];
      const name = lagSeriesName(g.group);
      if (c.status === 'rejected' || g.topics.some((t) => endsFailed.has(t))) return unreadable(name);
      const committed = new Map<string, PartitionCommit[]>(
        c.value.map((t) => [
          t.topic,
          t.partitions.map((p) => ({ partition: p.partition, offset: p.offset })),
        ]),
      );
      const lag = groupLag(g.topics, ends, committed);
      return { name, rows: lag, ids: [], available: true, kind: 'gauge', unit: LAG_UNIT };
    });
  }

  /** Every group's lag now; a group that could not be read is unavailable. Never throws. */
  async read(): Promise<StoreSnapshot[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), this.timeoutMs + 500);
    });
    try {
      const snaps = await Promise.race([this.readAll(), timeout]);
      if (snaps.some((s) => !s.available)) this.reset();
      return snaps;
    } catch {
      this.reset();
      return this.names.map(unreadable);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const a = this.admin;
    this.admin = undefined;
    await a?.disconnect().catch(() => undefined);
  }
}

function unreadable(name: string): StoreSnapshot {
  return { name, rows: 0, ids: [], available: false, kind: 'gauge', unit: LAG_UNIT };
}
