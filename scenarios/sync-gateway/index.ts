// Scenario 11 of the catalog: the synchronous coordinator of seed 004. A gateway calls the
// order, inventory and payment services one after the other for each order and rolls back
// the ones done when one fails. A participant killed after it committed and before it
// answered cannot be rolled back: the user is told the order failed, yet its change stays.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { storeCounts } from '../../main/engine/checks';
import { C, ANOMALY } from '../shared-saga/names';
import { databaseContainer, serviceContainer, productsEnv } from '../shared-saga/topology';
import { liveStores } from '../shared-saga/stores';
import { sagaClient } from '../shared-saga/client';
import { partialFailures } from '../shared-saga/checks/partial-check';
import { STORE } from '../shared-saga/names';
import { gatewaySchedule } from './generator';
import { title, summary, explanation } from './explanation';

const label = (en: string, ko: string) => ({ en, ko });
const STEP_OF: Record<string, string> = { inventory: 'reserve', payment: 'charge', order: 'create-order' };

export const knobs: KnobSpec[] = [
  { name: 'orders', kind: 'int', default: 60, min: 1, max: 1000, label: label('Orders placed', '주문 수') },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 100,
    min: 10,
    max: 5000,
    label: label('Time between orders (ms)', '주문 간격 (ms)'),
  },
  {
    name: 'users',
    kind: 'int',
    default: 2,
    min: 1,
    max: 16,
    label: label('Users placing orders at once', '동시에 주문하는 사용자 수'),
  },
  {
    name: 'stock',
    kind: 'int',
    default: 1000,
    min: 0,
    max: 100000,
    label: label('Initial stock', '초기 재고'),
  },
  {
    name: 'paymentFailPercent',
    kind: 'int',
    default: 20,
    min: 0,
    max: 100,
    label: label(
      'Payments declined (%, seeded): clean rollbacks',
      '결제 거절 비율 (%, 시드 고정): 정상 롤백',
    ),
  },
  {
    name: 'killTarget',
    kind: 'enum',
    default: 'inventory',
    values: ['inventory', 'payment', 'order'],
    label: label('Participant killed after it commits', '커밋 직후 죽이는 참여 서비스'),
  },
  {
    name: 'kills',
    kind: 'int',
    default: 2,
    min: 0,
    max: 10,
    label: label('Times it is killed', '죽이는 횟수'),
  },
  {
    name: 'killAtMs',
    kind: 'int',
    default: 800,
    min: 0,
    max: 60000,
    label: label('First kill armed at (ms)', '첫 번째 종료 지점 설정 시각 (ms)'),
  },
  {
    name: 'killEveryMs',
    kind: 'int',
    default: 3000,
    min: 500,
    max: 60000,
    label: label('Time between kills (ms)', '종료 간격 (ms)'),
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 1000,
    min: 0,
    max: 60000,
    label: label('Time it stays down (ms)', '중단 시간 (ms)'),
  },
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  return (p.kills as number) > 0
    ? { valid: false, anomalies: [ANOMALY.partialFailure] }
    : { valid: true, anomalies: [] };
}

export const syncGateway: ScenarioDefinition = {
  id: 'sync-gateway',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['004'],
  knobs,
  plan(p: Params, seed: number) {
    const target = p.killTarget as 'inventory' | 'payment' | 'order';
    return {
      containers: [
        databaseContainer(),
        serviceContainer({ name: C.order, role: 'order', env: { SEED: String(seed) } }),
        serviceContainer({
          name: C.inventory,
          role: 'inventory',
          env: { SEED: String(seed), PRODUCTS: productsEnv(['p1'], p.stock as number) },
        }),
        serviceContainer({
          name: C.payment,
          role: 'payment',
          env: { SEED: String(seed), FAIL_PERCENT: String(p.paymentFailPercent) },
        }),
        serviceContainer({ name: C.gateway, role: 'gateway', env: { CALL_TIMEOUT_MS: '2000' } }),
      ],
      links: [
        ...(['order', 'inventory', 'payment'] as const).map((to) => ({
          from: C.gateway,
          to: C[to],
          label: 'update / rollback (HTTP, synchronous)',
        })),
        ...(['order', 'inventory', 'payment'] as const).map((from) => ({
          from: C[from],
          to: C.db,
          label: `SQL (database ${from})`,
        })),
      ],
      stores: liveStores(['order', 'inventory', 'payment']),
      schedule: gatewaySchedule({
        orders: p.orders as number,
        intervalMs: p.intervalMs as number,
        users: p.users as number,
        product: 'p1',
        maxQty: 3,
        kill:
          (p.kills as number) > 0
            ? {
                target: C[target],
                step: STEP_OF[target],
                times: p.kills as number,
                atMs: p.killAtMs as number,
                everyMs: p.killEveryMs as number,
                downMs: p.downMs as number,
              }
            : null,
      }),
      client: (ctx) => sagaClient(ctx),
      checks: [
        storeCounts(),
        partialFailures({
          stores: { order: STORE.ordersLive, inventory: STORE.stockLive, payment: STORE.chargesLive },
        }),
      ],
      probeIntervalMs: 500,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
