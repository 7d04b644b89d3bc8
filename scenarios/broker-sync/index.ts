// Scenario 3 of the catalog: per-instance stores kept in sync through Kafka (event-carried
// state transfer), with the seed's claims tested: the stores converge, and the queue keeps
// each user's order (where it does, and where it does not). Durability of acks=1 vs all.
import type { ScenarioDefinition, Params, KnobSpec } from '../../main/engine/scenario';
import { storeCounts, convergence, duplicates, lostWrites } from '../../main/engine/checks';
import { brokerSyncSchedule, type FaultPlan } from './generator';
import { brokerSyncClient } from './client';
import {
  bootstrap,
  brokerLinkProxies,
  brokerNames,
  consumerLag,
  kafkaContainers,
  loadBalancer,
  proxiedBootstrap,
  serviceContainer,
} from './topology';
import { toxiproxyContainer } from '../../main/engine/toxiproxy/proxies';

/** The Toxiproxy in front of the brokers, on the slowed instance's link only. */
const TOXIPROXY = 'toxiproxy';
import { instanceStores } from './stores';
import { perUserOrder } from './order-check';
import { lostEvents } from './lost-events';
import { divergencePeak } from './divergence-peak';
import { title, summary, explanation } from './explanation';

const knobs: KnobSpec[] = [
  {
    name: 'instances',
    kind: 'int',
    default: 2,
    min: 2,
    max: 4,
    label: { en: 'Instances', ko: '인스턴스 수' },
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
    default: 30,
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
    name: 'partitionKey',
    kind: 'enum',
    default: 'user',
    values: ['user', 'none'],
    label: { en: 'Message key', ko: '메시지 키' },
  },
  {
    name: 'consumerGroup',
    kind: 'enum',
    default: 'per-instance',
    values: ['per-instance', 'shared'],
    label: { en: 'Consumer group', ko: '컨슈머 그룹' },
  },
  {
    name: 'idempotent',
    kind: 'bool',
    default: true,
    label: { en: 'Idempotent consumer', ko: '멱등 컨슈머' },
  },
  {
    name: 'acks',
    kind: 'enum',
    default: 'all',
    values: ['all', '1'],
    label: { en: 'Producer acks', ko: '프로듀서 acks' },
  },
  {
    name: 'brokers',
    kind: 'enum',
    default: '1',
    values: ['1', '3'],
    label: { en: 'Kafka brokers', ko: 'Kafka 브로커 수' },
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'none',
    values: [
      'none',
      'kill-broker',
      'pause-broker',
      'kill-consumer',
      'partition-instance',
      'slow-broker-link',
    ],
    label: { en: 'Fault', ko: '장애' },
  },
  {
    name: 'faultInstance',
    kind: 'int',
    default: 2,
    min: 1,
    max: 4,
    label: { en: 'Instance hit by the fault', ko: '장애를 겪는 인스턴스' },
  },
  {
    name: 'faultAtMs',
    kind: 'int',
    default: 3000,
    min: 0,
    max: 120_000,
    label: { en: 'Fault at (ms)', ko: '장애 시점 (ms)' },
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 10_000,
    min: 500,
    max: 60_000,
    label: { en: 'Fault lasts (ms)', ko: '장애 지속 시간 (ms)' },
  },
  {
    name: 'latencyMs',
    kind: 'int',
    default: 1500,
    min: 10,
    max: 20_000,
    label: {
      en: 'slow-broker-link: latency added to each broker answer (ms)',
      ko: 'slow-broker-link: 브로커 응답마다 추가되는 지연 (ms)',
    },
  },
  {
    name: 'consumerBatchMs',
    kind: 'int',
    default: 250,
    min: 0,
    max: 2000,
    label: { en: 'Consumer fetch wait (ms, batching)', ko: '컨슈머 fetch 대기 (ms, 배치)' },
  },
  {
    name: 'followerFetchWaitMs',
    kind: 'int',
    default: 0,
    min: 0,
    max: 1000,
    label: { en: 'Follower replication delay (ms)', ko: '팔로워 복제 지연 (ms)' },
  },
];

/** The instance the fault hits (faultInstance, at most the last one). */
function faultInstanceOf(p: Params, names: string[]): string {
  return names[Math.min(p.faultInstance as number, names.length) - 1];
}

function faultPlan(p: Params, names: string[], brokers: number): FaultPlan {
  const at = p.faultAtMs as number;
  const downMs = p.downMs as number;
  const target = faultInstanceOf(p, names);
  switch (p.fault) {
    case 'kill-broker':
      // kafka-1 leads partition 0 (the service assigns its replicas so).
      return { kind: 'kill', target: 'kafka-1', at, downMs };
    case 'kill-consumer':
      return { kind: 'point', target, at, downMs };
    case 'partition-instance':
      return { kind: 'partition', target, peers: brokerNames(brokers), at, downMs };
    case 'pause-broker':
      return { kind: 'pause', target: 'kafka-1', at, downMs };
    case 'slow-broker-link':
      // The instance's own link to each broker, through Toxiproxy (see plan).
      return { kind: 'latency', targets: brokerNames(brokers), at, downMs, latencyMs: p.latencyMs as number };
    default:
      return { kind: 'none' };
  }
}

/** The anomalies these params are expected to show (what can go wrong, by design). */
export function expectedAnomalies(p: Params): string[] {
  const out: string[] = [];
  if (p.consumerGroup === 'shared') out.push('not-converged');
  if (p.fault === 'kill-consumer' && p.idempotent === false) out.push('duplicate');
  if (p.partitionKey === 'none' && (p.partitions as number) > 1 && (p.ordersPerUser as number) > 1)
    out.push('order-violation');
  if (p.acks === '1' && p.brokers === '3' && p.fault === 'kill-broker') out.push('lost-event');
  return out;
}

export const brokerSync: ScenarioDefinition = {
  id: 'broker-sync',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['000'],
  knobs,
  plan(p: Params, seed: number) {
    const n = p.instances as number;
    const brokers = p.brokers === '3' ? 3 : 1;
    const names = Array.from({ length: n }, (_, i) => `order-${i + 1}`);
    // slow-broker-link: the instance hit by the fault reaches the brokers through Toxiproxy;
    // the others, and the brokers among themselves, directly.
    const proxies = p.fault === 'slow-broker-link' ? brokerLinkProxies(brokers, TOXIPROXY) : [];
    const slowed = proxies.length ? faultInstanceOf(p, names) : null;
    const kafka = kafkaContainers({
      brokers,
      partitions: p.partitions as number,
      followerFetchWaitMs: p.followerFetchWaitMs as number,
      proxiedVia: proxies.length ? TOXIPROXY : undefined,
    });
    const kafkaNames = kafka.map((k) => k.name);
    const groupOf = (name: string) => (p.consumerGroup === 'shared' ? 'order-group' : `sync-${name}`);
    const services = names.map((name) =>
      serviceContainer(
        name,
        'service',
        {
          ROLE: 'sync',
          KAFKA_BROKERS: name === slowed ? proxiedBootstrap(proxies) : bootstrap(brokers),
          BROKER_IDS: kafka.map((_, i) => String(i + 1)).join(','),
          TOPIC: 'orders',
          PARTITIONS: String(p.partitions),
          ACKS: String(p.acks),
          PARTITION_KEY: String(p.partitionKey),
          IDEMPOTENT: String(p.idempotent),
          CONSUMER_BATCH_MS: String(p.consumerBatchMs),
          // The seed's @KafkaListener(groupId = "order-group") shares one group: each event
          // then reaches one instance only. Event-carried state transfer needs a group each.
          GROUP_ID: groupOf(name),
          DB_FILE: '/data/sync.db',
        },
        name === slowed ? [...kafkaNames, TOXIPROXY] : kafkaNames,
      ),
    );
    const anomalies = expectedAnomalies(p);
    return {
      containers: [
        ...kafka,
        ...(proxies.length ? [toxiproxyContainer(TOXIPROXY, proxies, { seed })] : []),
        ...services,
        loadBalancer(names),
      ],
      proxies,
      links: [
        ...names.map((name) => ({ from: 'lb', to: name, label: 'round robin' })),
        ...names.flatMap((name) =>
          name === slowed
            ? [{ from: name, to: TOXIPROXY, label: 'publish + consume' }]
            : kafkaNames.map((k) => ({ from: name, to: k, label: 'publish + consume' })),
        ),
        ...proxies.map((x) => ({
          from: TOXIPROXY,
          to: x.upstream.container,
          label: 'network faults',
        })),
      ],
      stores: instanceStores(names),
      schedule: brokerSyncSchedule(
        {
          users: p.users as number,
          ordersPerUser: p.ordersPerUser as number,
          intervalMs: p.intervalMs as number,
        },
        faultPlan(p, names, brokers),
      ),
      client: (ctx) => brokerSyncClient(ctx),
      checks: [
        storeCounts(),
        divergencePeak(),
        convergence({ requireConvergence: true }),
        lostWrites({ addF: 'add' }),
        lostEvents(),
        duplicates(),
        perUserOrder(),
      ],
      probeIntervalMs: 250,
      consumerLag: consumerLag(brokers, [...new Set(names.map(groupOf))], ['orders']),
      // Time for consumers to reconnect, rejoin their group and catch up after a fault.
      quiesceMs: p.fault === 'none' ? 4000 : brokers === 3 ? 13_000 : 10_000,
      expected: { valid: anomalies.length ? false : true, anomalies },
    };
  },
};
