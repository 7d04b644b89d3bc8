// Scenario 7 of the catalog: the transactional outbox read by log-based CDC (Debezium on
// Kafka Connect). The lab kills Connect mid-stream and starts it again downMs later.
import type { KnobSpec, ScenarioDefinition, Params } from '../../main/engine/scenario';
import { lostWrites, storeCounts } from '../../main/engine/checks';
import { deliveryLatency, duplicateEffects, lostEvents } from '../shared-outbox/checks';
import { ANOMALY } from '../shared-outbox/names';
import { cdcContainers, cdcLinks, cdcStores, CONNECT, WAL_STORE } from './topology';
import { outboxLag } from '../shared-outbox/topology';
import { cdcSchedule } from './generator';
import { cdcClient } from './client';
import { walRetained } from './wal-check';
import { redelivery } from './redelivery';
import { title, summary, explanation } from './explanation';

const PROBE_MS = 250;

// Names shared with dual-write and outbox-polling (compare applies one --set to all three).
export const knobs: KnobSpec[] = [
  {
    name: 'orders',
    kind: 'int',
    default: 100,
    min: 1,
    max: 1000,
    label: { en: 'Orders placed', ko: '주문 수' },
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 200,
    min: 10,
    max: 5000,
    label: { en: 'Time between orders (ms)', ko: '주문 간격 (ms)' },
  },
  {
    name: 'idempotent',
    kind: 'bool',
    default: true,
    label: { en: 'Idempotent consumer (dedupe by event id)', ko: '멱등 컨슈머 (이벤트 ID로 중복 제거)' },
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'kill-connect',
    values: ['none', 'kill-connect'],
    label: { en: 'Fault', ko: '장애' },
  },
  {
    name: 'killAtMs',
    kind: 'int',
    default: 4000,
    min: 0,
    max: 600_000,
    label: { en: 'When Kafka Connect is killed (ms)', ko: 'Kafka Connect 강제 종료 시각 (ms)' },
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 4000,
    min: 200,
    max: 120_000,
    label: {
      en: 'Time before Connect is started again (ms)',
      ko: 'Connect를 다시 시작하기까지의 시간 (ms)',
    },
  },
  {
    name: 'offsetFlushMs',
    kind: 'int',
    default: 5000,
    min: 100,
    max: 60_000,
    label: {
      en: 'Connect offset commit interval (ms): what a killed worker sends again',
      ko: 'Connect 오프셋 커밋 간격 (ms): 강제 종료된 워커가 다시 보내는 범위',
    },
  },
  {
    name: 'heartbeatMs',
    kind: 'int',
    default: 1000,
    min: 100,
    max: 60_000,
    label: { en: 'Debezium heartbeat interval (ms)', ko: 'Debezium 하트비트 간격 (ms)' },
  },
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const faulty = p.fault === 'kill-connect';
  return faulty && !p.idempotent
    ? { valid: false, anomalies: [ANOMALY.duplicateEffect] }
    : { valid: true, anomalies: [] };
}

export const outboxCdc: ScenarioDefinition = {
  id: 'outbox-cdc',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['002', '003'],
  knobs,
  plan(p: Params) {
    const faulty = p.fault === 'kill-connect';
    return {
      containers: cdcContainers({
        idempotent: p.idempotent as boolean,
        offsetFlushMs: p.offsetFlushMs as number,
        heartbeatMs: p.heartbeatMs as number,
      }),
      links: cdcLinks(),
      stores: cdcStores(),
      schedule: cdcSchedule({
        orders: p.orders as number,
        intervalMs: p.intervalMs as number,
        kill: faulty ? { target: CONNECT, atMs: p.killAtMs as number, downMs: p.downMs as number } : null,
      }),
      client: (ctx) => cdcClient(ctx),
      checks: [
        storeCounts(),
        lostWrites({ addF: 'add' }),
        lostEvents(),
        duplicateEffects(),
        walRetained({ store: WAL_STORE.retained, target: CONNECT }),
        redelivery(),
        deliveryLatency(PROBE_MS),
      ],
      probeIntervalMs: PROBE_MS,
      consumerLag: outboxLag(),
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
