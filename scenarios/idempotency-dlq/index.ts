// Scenario 8 of the catalog: at-least-once delivery with retries and a dead letter queue, and
// client retries that duplicate orders unless an idempotency key is used.
import type { KnobSpec, ScenarioDefinition, Params } from '../../main/engine/scenario';
import { lostWrites, storeCounts } from '../../main/engine/checks';
import { dlqContainers, dlqLag, dlqLinks, dlqStores } from './topology';
import { dlqSchedule, shareOf } from './generator';
import { dlqClient } from './client';
import { dlqAccounting } from './accounting';
import { idempotency, DOUBLE_CHARGE } from './idempotency';
import { dlqRouting } from './routing';
import { retryWork } from './retries';
import { ANOMALY } from './names';
import { title, summary, explanation } from './explanation';

const int = (name: string, def: number, min: number, max: number, en: string, ko: string): KnobSpec => ({
  name,
  kind: 'int',
  default: def,
  min,
  max,
  label: { en, ko },
});

export const knobs: KnobSpec[] = [
  int('requests', 30, 1, 500, 'Order requests', '주문 요청 수'),
  int('intervalMs', 150, 10, 5000, 'Time between requests (ms)', '요청 간격 (ms)'),
  {
    name: 'idempotencyKey',
    kind: 'bool',
    default: true,
    label: { en: 'Client sends an Idempotency-Key', ko: '클라이언트가 Idempotency-Key를 보냄' },
  },
  int(
    'clientTimeoutMs',
    800,
    50,
    30_000,
    'Client timeout before a retry (ms)',
    '재시도 전 클라이언트 타임아웃 (ms)',
  ),
  int('clientRetries', 2, 0, 5, 'Client retries after a timeout', '타임아웃 후 클라이언트 재시도 횟수'),
  int(
    'slowShare',
    20,
    0,
    100,
    'Requests whose first reply is held back (%)',
    '첫 응답이 지연되는 요청 비율 (%)',
  ),
  int('slowMs', 1500, 0, 60_000, 'How long that reply is held back (ms)', '응답 지연 시간 (ms)'),
  int(
    'poisonShare',
    10,
    0,
    100,
    'Poison cards: the gateway always fails (%)',
    '독 카드: 게이트웨이가 항상 실패 (%)',
  ),
  int(
    'flakyShare',
    20,
    0,
    100,
    'Flaky cards: the gateway fails the first try (%)',
    '불안정 카드: 첫 시도만 실패 (%)',
  ),
  int('maxAttempts', 4, 1, 10, 'Consumer tries before the DLQ', 'DLQ로 보내기 전 컨슈머 시도 횟수'),
  int(
    'backoffMs',
    100,
    0,
    5000,
    'Backoff before the 2nd try, doubled after (ms)',
    '두 번째 시도 전 백오프, 이후 두 배 (ms)',
  ),
  int('partitions', 3, 1, 12, 'Partitions of the orders topic', 'orders 토픽 파티션 수'),
];

/** What a run with these params should show. */
export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const retriesAfterTimeout =
    shareOf(p.requests as number, p.slowShare as number) > 0 &&
    (p.slowMs as number) > (p.clientTimeoutMs as number) &&
    (p.clientRetries as number) > 0;
  const duplicates = !p.idempotencyKey && retriesAfterTimeout;
  const misrouted =
    (p.maxAttempts as number) < 2 && shareOf(p.requests as number, p.flakyShare as number) > 0;
  const anomalies = [
    ...(duplicates ? [ANOMALY.duplicateOrder, DOUBLE_CHARGE] : []),
    ...(misrouted ? [ANOMALY.misrouted] : []),
  ];
  return { valid: anomalies.length === 0, anomalies };
}

export const idempotencyDlq: ScenarioDefinition = {
  id: 'idempotency-dlq',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['002'],
  knobs,
  plan(p: Params, seed: number) {
    return {
      containers: dlqContainers({
        maxAttempts: p.maxAttempts as number,
        backoffMs: p.backoffMs as number,
        partitions: p.partitions as number,
      }),
      links: dlqLinks(),
      stores: dlqStores(),
      schedule: dlqSchedule(
        {
          requests: p.requests as number,
          intervalMs: p.intervalMs as number,
          slowShare: p.slowShare as number,
          poisonShare: p.poisonShare as number,
          flakyShare: p.flakyShare as number,
        },
        p.slowMs as number,
        seed,
      ),
      client: (ctx) =>
        dlqClient(ctx, {
          idempotencyKey: p.idempotencyKey as boolean,
          timeoutMs: p.clientTimeoutMs as number,
          retries: p.clientRetries as number,
        }),
      checks: [
        storeCounts(),
        lostWrites({ addF: 'place' }),
        dlqAccounting(),
        idempotency(),
        dlqRouting(),
        retryWork({ maxAttempts: p.maxAttempts as number, backoffMs: p.backoffMs as number }),
      ],
      probeIntervalMs: 250,
      consumerLag: dlqLag(),
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
