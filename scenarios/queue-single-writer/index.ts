// Scenario 4 of the catalog: every instance publishes to Kafka, one writer consumes into a
// single PostgreSQL, and reads go to that database. Seed 000's third option: the queue
// gathers the writes, the database keeps the final data. Shows the read-after-write lag.
import type {
  ScenarioDefinition,
  Params,
  KnobSpec,
  ContainerSpec,
  StoreSpec,
} from '../../main/engine/scenario';
import { storeCounts, duplicates, lostWrites } from '../../main/engine/checks';
import { queueSingleWriterSchedule } from './generator';
import type { FaultPlan } from '../broker-sync/generator';
import { queueSingleWriterClient } from './client';
import {
  bootstrap,
  consumerLag,
  kafkaContainers,
  loadBalancer,
  serviceContainer,
  SERVICE_PORT,
} from '../broker-sync/topology';
import { readAfterWriteLag } from './lag-check';
import { title, summary, explanation } from './explanation';

const knobs: KnobSpec[] = [
  {
    name: 'fronts',
    kind: 'int',
    default: 2,
    min: 1,
    max: 4,
    label: { en: 'Front instances', ko: '프런트 인스턴스 수' },
  },
  {
    name: 'users',
    kind: 'int',
    default: 3,
    min: 1,
    max: 8,
    label: { en: 'Users writing at once', ko: '동시에 주문하는 사용자 수' },
  },
  {
    name: 'ordersPerUser',
    kind: 'int',
    default: 20,
    min: 1,
    max: 500,
    label: { en: 'Orders per user', ko: '사용자별 주문 수' },
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 200,
    min: 10,
    max: 5000,
    label: { en: 'Time between one user’s orders (ms)', ko: '한 사용자의 주문 간격 (ms)' },
  },
  {
    name: 'partitions',
    kind: 'int',
    default: 1,
    min: 1,
    max: 12,
    label: { en: 'Topic partitions', ko: '토픽 파티션 수' },
  },
  {
    name: 'consumerBatchMs',
    kind: 'int',
    default: 0,
    min: 0,
    max: 2000,
    label: { en: 'Writer fetch wait (ms, batching)', ko: '라이터 fetch 대기 (ms, 배치)' },
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'none',
    values: ['none', 'kill-writer'],
    label: { en: 'Fault', ko: '장애' },
  },
  {
    name: 'faultAtMs',
    kind: 'int',
    default: 2000,
    min: 0,
    max: 120_000,
    label: { en: 'Fault at (ms)', ko: '장애 시점 (ms)' },
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 5000,
    min: 500,
    max: 60_000,
    label: { en: 'Writer down for (ms)', ko: '라이터 중단 시간 (ms)' },
  },
];

export const queueSingleWriter: ScenarioDefinition = {
  id: 'queue-single-writer',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['000'],
  knobs,
  plan(p: Params) {
    const fronts = Array.from({ length: p.fronts as number }, (_, i) => `front-${i + 1}`);
    const kafka = kafkaContainers({ brokers: 1, partitions: p.partitions as number, followerFetchWaitMs: 0 });
    const postgres: ContainerSpec = {
      name: 'postgres',
      role: 'database',
      image: 'postgres',
      // fsync off: a killed container keeps the kernel's page cache; nothing here kills the host.
      env: { POSTGRES_FSYNC: 'off' },
      wait: { kind: 'exec', cmd: ['postgres-ready'], timeoutMs: 60_000 },
    };
    const common = {
      KAFKA_BROKERS: bootstrap(1),
      BROKER_IDS: '1',
      TOPIC: 'orders',
      PARTITIONS: String(p.partitions),
      ACKS: 'all',
      PARTITION_KEY: 'user',
      CONSUMER_BATCH_MS: String(p.consumerBatchMs),
      PGHOST: 'postgres',
    };
    const deps = ['kafka-1', 'postgres'];
    const writer = serviceContainer(
      'writer',
      'writer',
      { ...common, ROLE: 'writer', GROUP_ID: 'single-writer' },
      deps,
    );
    const frontSpecs = fronts.map((name) =>
      serviceContainer(name, 'service', { ...common, ROLE: 'front' }, deps),
    );
    const stores: StoreSpec[] = [
      { name: 'orders-db', container: 'front-1', port: SERVICE_PORT, path: '/orders' },
    ];
    const fault: FaultPlan =
      p.fault === 'kill-writer'
        ? { kind: 'kill', target: 'writer', at: p.faultAtMs as number, downMs: p.downMs as number }
        : { kind: 'none' };
    return {
      containers: [...kafka, postgres, writer, ...frontSpecs, loadBalancer(fronts)],
      links: [
        ...fronts.map((f) => ({ from: 'lb', to: f, label: 'round robin' })),
        ...fronts.map((f) => ({ from: f, to: 'kafka-1', label: 'publish' })),
        ...fronts.map((f) => ({ from: f, to: 'postgres', label: 'read' })),
        { from: 'kafka-1', to: 'writer', label: 'consume' },
        { from: 'writer', to: 'postgres', label: 'write' },
      ],
      stores,
      schedule: queueSingleWriterSchedule(
        {
          users: p.users as number,
          ordersPerUser: p.ordersPerUser as number,
          intervalMs: p.intervalMs as number,
        },
        fault,
      ),
      client: (ctx) => queueSingleWriterClient(ctx),
      checks: [storeCounts(), lostWrites({ addF: 'add' }), duplicates(), readAfterWriteLag()],
      probeIntervalMs: 250,
      consumerLag: consumerLag(1, ['single-writer'], ['orders']),
      quiesceMs: p.fault === 'none' ? 3000 : 8000,
      // Acknowledged means "in Kafka", not "in the database": the first read-back misses.
      expected: { valid: false, anomalies: ['stale-read'] },
    };
  },
};
