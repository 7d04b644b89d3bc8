// Knobs both outbox scenarios share (compare applies one --set to both).
import type { KnobSpec } from '../../main/engine/scenario';

export const sharedKnobs: KnobSpec[] = [
  {
    name: 'orders',
    kind: 'int',
    default: 40,
    min: 1,
    max: 1000,
    label: { en: 'Orders placed', ko: '주문 수' },
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 100,
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
    default: 'kill-at-point',
    values: ['none', 'kill-at-point'],
    label: { en: 'Fault', ko: '장애' },
  },
  {
    name: 'kills',
    kind: 'int',
    default: 1,
    min: 1,
    max: 5,
    label: { en: 'Kills at the point', ko: '지점에서의 강제 종료 횟수' },
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 1500,
    min: 200,
    max: 30000,
    label: { en: 'Time down after each kill (ms)', ko: '강제 종료 후 중단 시간 (ms)' },
  },
];
