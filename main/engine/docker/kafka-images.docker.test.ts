// On a real engine: build (or find) the postgres, kafka, connect and toxiproxy images, run
// them on a network of our own, and check what scenarios 3-8 rely on: Kafka answers on its
// published EXTERNAL port, Debezium routes an outbox row to Kafka, Toxiproxy adds latency.
// Times (build, cached lookup, readiness) go to test-artifacts/kafka-images-timings.json.
// CHAOSLAB_COLD_BUILD=1 first empties each image's build/ and builds without the layer
// cache, so the recorded build times are cold ones (Maven's and Go's caches are kept).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageProgress } from '../../contract/channels';
import { demuxExecOutput } from './exec';
import { ensureBaseImage, ensureImages, imagesDir } from './images';
import { MANAGED_LABEL } from './labels';
import { hostPort, TestContainers, until } from './test-containers.fixture';
import { waitReady } from './wait';

const IMAGES = ['postgres', 'kafka', 'connect', 'toxiproxy'] as const;
type ImageName = (typeof IMAGES)[number];

const tc = new TestContainers();
const { docker, runId } = tc;
const cold = process.env.CHAOSLAB_COLD_BUILD === '1';
const PG = { user: 'lab', password: 'lab', database: 'lab' };

const tags = {} as Record<ImageName, string>;
const timings = {
  cold,
  /** ms of ensureImages per image; prepareMs: until the docker build began. */
  build: {} as Record<string, { ms: number; prepareMs?: number; state: string }>,
  cached: {} as Record<string, number>,
  ready: {} as Record<string, number>,
  other: {} as Record<string, number>,
};
const nodes: Record<string, Docker.Container> = {};
let kafkaExternal = 0;

/** n distinct free ports on 127.0.0.1 (all held open together, then released). */
async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const s = net.createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Creates and starts a container, then waits for its `ready` command; returns ms to ready. */
async function startReady(
  alias: string,
  image: string,
  env: Record<string, string>,
  publish: Record<number, number | ''>,
  timeoutMs: number,
): Promise<number> {
  const c = await tc.create(alias, image, env, publish);
  nodes[alias] = c;
  const t0 = Date.now();
  await c.start();
  await waitReady(
    {
      container: c,
      name: alias,
      endpoint: (port) => ({ host: '127.0.0.1', port }),
      isRunning: async () => (await c.inspect()).State.Running,
    },
    { kind: 'exec', cmd: ['ready'], timeoutMs },
  );
  const ms = Date.now() - t0;
  timings.ready[alias] = ms;
  return ms;
}

async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json };
}

async function pgClient(port: number): Promise<pg.Client> {
  const c = new pg.Client({ host: '127.0.0.1', port, ...PG, connectionTimeoutMillis: 5000 });
  c.on('error', () => {}); // a dropped connection fails the pending query; no unhandled event
  await c.connect();
  return c;
}

/** Timings, and the tail of every container's log (for a failure's post-mortem). */
async function writeArtifacts(): Promise<void> {
  const dir = join(imagesDir(), '..', '..', 'test-artifacts');
  mkdirSync(join(dir, 'kafka-images-logs'), { recursive: true });
  writeFileSync(join(dir, 'kafka-images-timings.json'), JSON.stringify(timings, null, 2) + '\n');
  for (const [alias, c] of Object.entries(nodes)) {
    const buf = (await c
      .logs({ stdout: true, stderr: true, tail: 300 })
      .catch(() => Buffer.from(''))) as unknown as Buffer;
    writeFileSync(join(dir, 'kafka-images-logs', `${alias}.log`), demuxExecOutput(buf).text);
  }
}

describe('kafka, connect, postgres and toxiproxy images on a real engine', () => {
  beforeAll(async () => {
    await ensureBaseImage(docker);
    for (const name of IMAGES) {
      if (cold) rmSync(join(imagesDir(), name, 'build'), { recursive: true, force: true });
      const seen: ImageProgress[] = [];
      const t0 = Date.now();
      let prepareMs: number | undefined;
      const got = await ensureImages(
        docker,
        [name],
        (p) => {
          if (p.state === 'building' && prepareMs === undefined) prepareMs = Date.now() - t0;
          seen.push(p);
        },
        cold ? { force: true, noCache: true } : {},
      );
      tags[name] = got[name];
      timings.build[name] = { ms: Date.now() - t0, prepareMs, state: seen.at(-1)?.state ?? 'unknown' };
    }
    for (const name of IMAGES) {
      const t0 = Date.now();
      await ensureImages(docker, [name], () => {});
      timings.cached[name] = Date.now() - t0;
    }
    await tc.createNetwork();
    [kafkaExternal] = await freePorts(1);
    await Promise.all([
      startReady('postgres', tags.postgres, { POSTGRES_FSYNC: 'off' }, { 5432: '' }, 60_000),
      startReady(
        'kafka',
        tags.kafka,
        { NODE_ID: '1', ADVERTISED_HOST: 'kafka', ADVERTISED_EXTERNAL: `127.0.0.1:${kafkaExternal}` },
        { 19092: kafkaExternal },
        120_000,
      ),
      startReady('toxiproxy', tags.toxiproxy, {}, { 8474: '', 15432: '' }, 30_000),
    ]);
    // Connect after Kafka, so its readiness time is its own.
    await startReady(
      'connect',
      tags.connect,
      { BOOTSTRAP_SERVERS: 'kafka:9092', ADVERTISED_HOST: 'connect' },
      { 8083: '' },
      180_000,
    );
  }, 1_800_000);

  afterAll(async () => {
    await writeArtifacts().catch(() => {});
    console.info(`kafka-images timings: ${JSON.stringify(timings)}`);
    await tc.cleanup();
  }, 120_000);

  it('builds every image under its content tag, labelled as the lab’s', async () => {
    for (const name of IMAGES) {
      expect(tags[name]).toMatch(new RegExp(`^chaoslab/${name}:[0-9a-f]{12}$`));
      expect(['done', 'cached']).toContain(timings.build[name].state);
      const info = await docker.getImage(tags[name]).inspect();
      expect(info.Config.Labels?.[MANAGED_LABEL]).toBe('true');
      expect(timings.cached[name]).toBeLessThan(3000);
    }
  });

  it('Kafka (KRaft) answers metadata on its published EXTERNAL port, advertised as 127.0.0.1', async () => {
    const kafka = new Kafka({
      clientId: runId,
      brokers: [`127.0.0.1:${kafkaExternal}`],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers).toEqual([{ nodeId: 1, host: '127.0.0.1', port: kafkaExternal }]);
      expect(cluster.controller).toBe(1);
      // Auto topic creation is on: producing to a new topic creates it.
      const producer = kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      await until('auto-created topic accepts a write', 30_000, async () => {
        await producer.send({ topic: `auto-${runId}`, messages: [{ value: 'x' }], acks: -1 });
        return true;
      });
      await producer.disconnect();
      expect(await admin.listTopics()).toContain(`auto-${runId}`);
    } finally {
      await admin.disconnect();
    }
  });

  it('Debezium (pgoutput + outbox EventRouter) routes an outbox row to outbox.event.order', async () => {
    const db = await pgClient(await hostPort(nodes.postgres, 5432));
    const kafka = new Kafka({
      clientId: runId,
      brokers: [`127.0.0.1:${kafkaExternal}`],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const consumer = kafka.consumer({ groupId: `g-${runId}` });
    try {
      expect((await db.query('show wal_level')).rows[0].wal_level).toBe('logical');
      await db.query(`create table outbox (
        id uuid primary key, aggregatetype varchar(255) not null, aggregateid varchar(255) not null,
        type varchar(255) not null, payload jsonb)`);
      const connect = `http://127.0.0.1:${await hostPort(nodes.connect, 8083)}`;
      const plugins = await http(connect, 'GET', '/connector-plugins?connectorsOnly=false');
      expect(JSON.stringify(plugins.json)).toContain('io.debezium.transforms.outbox.EventRouter');
      const t0 = Date.now();
      const created = await http(connect, 'POST', '/connectors', {
        name: 'outbox',
        config: {
          'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
          'plugin.name': 'pgoutput',
          'database.hostname': 'postgres',
          'database.port': '5432',
          'database.user': PG.user,
          'database.password': PG.password,
          'database.dbname': PG.database,
          'topic.prefix': 'lab',
          'table.include.list': 'public.outbox',
          'slot.name': 'outbox_slot',
          'publication.name': 'outbox_pub',
          'publication.autocreate.mode': 'filtered',
          'tombstones.on.delete': 'false',
          transforms: 'outbox',
          'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter',
          'transforms.outbox.route.topic.replacement': 'outbox.event.${routedByValue}',
          'key.converter': 'org.apache.kafka.connect.storage.StringConverter',
          'value.converter': 'org.apache.kafka.connect.storage.StringConverter',
        },
      });
      expect(created.status).toBe(201);
      await until('the connector task to run', 60_000, async () => {
        const s = (await http(connect, 'GET', '/connectors/outbox/status')).json as {
          connector?: { state: string };
          tasks?: { state: string; trace?: string }[];
        };
        if (s.tasks?.[0]?.state === 'FAILED') throw new Error(`task failed: ${s.tasks[0].trace}`);
        return s.connector?.state === 'RUNNING' && s.tasks?.[0]?.state === 'RUNNING' ? true : undefined;
      });
      await until('the replication slot to be active', 60_000, async () => {
        const r = await db.query(`select active from pg_replication_slots where slot_name = 'outbox_slot'`);
        return r.rows[0]?.active === true ? true : undefined;
      });
      timings.other.connectorRunningMs = Date.now() - t0;

      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: 'outbox.event.order', numPartitions: 1 }],
        waitForLeaders: true,
      });
      await consumer.connect();
      await consumer.subscribe({ topic: 'outbox.event.order', fromBeginning: true });
      const got: { key: string; value: string; headers: Record<string, string> }[] = [];
      await consumer.run({
        eachMessage: async ({ message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
          got.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
        },
      });
      const id = '8f0c1f7e-4e1b-4a53-9d7e-1a2b3c4d5e6f';
      const t1 = Date.now();
      await db.query(
        `insert into outbox (id, aggregatetype, aggregateid, type, payload) values ($1, 'order', 'order-42', 'OrderCreated', $2)`,
        [id, JSON.stringify({ orderId: 42, total: 9.5 })],
      );
      const event = await until('the routed event', 60_000, async () => got[0]);
      timings.other.outboxRowToConsumerMs = Date.now() - t1;
      expect(event.key).toBe('order-42');
      expect(JSON.parse(event.value)).toEqual({ orderId: 42, total: 9.5 });
      expect(event.headers.id).toBe(id);
      expect(got).toHaveLength(1);
    } finally {
      await consumer.disconnect().catch(() => {});
      await admin.disconnect().catch(() => {});
      await db.end().catch(() => {});
    }
  });

  it('Toxiproxy in front of PostgreSQL adds the latency of a toxic to each query', async () => {
    const api = `http://127.0.0.1:${await hostPort(nodes.toxiproxy, 8474)}`;
    expect((await http(api, 'GET', '/version')).status).toBe(200);
    const proxy = await http(api, 'POST', '/proxies', {
      name: 'pg',
      listen: '0.0.0.0:15432',
      upstream: 'postgres:5432',
    });
    expect(proxy.status).toBe(201);
    const db = await pgClient(await hostPort(nodes.toxiproxy, 15432));
    const median = async (n: number): Promise<number> => {
      const ts: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await db.query('select 1');
        ts.push(performance.now() - t);
      }
      return ts.sort((a, b) => a - b)[Math.floor(n / 2)];
    };
    try {
      await median(5); // warm up the connection
      const base = await median(15);
      const LATENCY = 200;
      const toxic = await http(api, 'POST', '/proxies/pg/toxics', {
        name: 'slow',
        type: 'latency',
        stream: 'downstream',
        toxicity: 1,
        attributes: { latency: LATENCY, jitter: 0 },
      });
      expect(toxic.status).toBe(200);
      const slow = await median(7);
      expect((await http(api, 'DELETE', '/proxies/pg/toxics/slow')).status).toBe(204);
      const healed = await median(15);
      timings.other.toxiproxyBaseMedianMs = Math.round(base * 10) / 10;
      timings.other.toxiproxySlowMedianMs = Math.round(slow * 10) / 10;
      timings.other.toxiproxyHealedMedianMs = Math.round(healed * 10) / 10;
      expect(slow - base).toBeGreaterThan(LATENCY * 0.9);
      expect(slow - base).toBeLessThan(LATENCY * 1.5);
      expect(healed).toBeLessThan(base + LATENCY / 4);
    } finally {
      await db.end().catch(() => {});
    }
  });

  it('three Kafka nodes: replication factor 3, min.insync.replicas 2, a new leader when the leader is killed', async () => {
    const voters = '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093';
    const ports = await freePorts(3);
    const t0 = Date.now();
    await Promise.all(
      [1, 2, 3].map((i) =>
        startReady(
          `kafka-${i}`,
          tags.kafka,
          {
            NODE_ID: String(i),
            CONTROLLER_QUORUM_VOTERS: voters,
            ADVERTISED_HOST: `kafka-${i}`,
            ADVERTISED_EXTERNAL: `127.0.0.1:${ports[i - 1]}`,
          },
          { 19092: ports[i - 1] },
          120_000,
        ),
      ),
    );
    timings.other.kafka3ReadyMs = Date.now() - t0;
    const kafka = new Kafka({
      clientId: runId,
      brokers: ports.map((p) => `127.0.0.1:${p}`),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const producer = kafka.producer();
    await admin.connect();
    try {
      const topic = `r3-${runId}`;
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      // Every node learns of the topic from the metadata log a moment later: ask until all do.
      const p0 = await until('three in-sync replicas', 30_000, async () => {
        const p = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0];
        return p.replicas.length === 3 && p.isr.length === 3 ? p : undefined;
      });
      const minIsr = await until('the topic config from every node', 30_000, async () => {
        const cfg = await admin.describeConfigs({
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
          includeSynonyms: false,
        });
        return cfg.resources[0].configEntries.find((e) => e.configName === 'min.insync.replicas')
          ?.configValue;
      });
      expect(minIsr).toBe('2');
      await producer.connect();
      await until('an acks=all write', 30_000, async () => {
        await producer.send({ topic, acks: -1, messages: [{ value: 'before' }] });
        return true;
      });
      const old = p0.leader;
      await nodes[`kafka-${old}`].kill();
      const t1 = Date.now();
      const leader = await until('a new leader', 60_000, async () => {
        const l = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0].partitions[0].leader;
        return l !== old && l > 0 ? l : undefined;
      });
      timings.other.kafka3LeaderFailoverMs = Date.now() - t1;
      expect([1, 2, 3].filter((i) => i !== old)).toContain(leader);
      // Two of three replicas are still in sync: acks=all writes go on.
      await until('an acks=all write with one node down', 60_000, async () => {
        await producer.send({ topic, acks: -1, messages: [{ value: 'after' }] });
        return true;
      });
    } finally {
      await producer.disconnect().catch(() => {});
      await admin.disconnect().catch(() => {});
    }
  });
});
