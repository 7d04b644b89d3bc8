// Scenario 9 of the catalog: the shopping saga without an orchestrator. Order, inventory,
// payment and shipping each own a database and react to each other's events on Kafka
// (each with its own consumer group); a declined payment makes the inventory release the
// stock and the order cancel itself. The inventory is killed at a named point (its
// reservation committed, StockReserved not yet published, the offset not committed) and
// started again: sagas stall, then finish; every invariant must hold.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { storeCounts } from '../../main/engine/checks';
import { C, PORT, STORE, productIds, ANOMALY, participantPoint } from '../shared-saga/names';
import { databaseContainer, serviceContainer, productsEnv } from '../shared-saga/topology';
import { liveStores } from '../shared-saga/stores';
import { stockConservation } from '../shared-saga/checks/stock-check';
import { sagaOutcomes } from '../shared-saga/checks/outcome-check';
import { sagasTerminal } from '../shared-saga/checks/terminal-check';
import { sagaOnce } from '../shared-saga/checks/once-check';
import { kafkaContainers, bootstrap, brokerNames } from '../broker-sync/topology';
import { choreoClient } from './client';
import { choreoSchedule } from './generator';
import { title, summary, explanation } from './explanation';

const label = (en: string, ko: string) => ({ en, ko });

/** Where the inventory can be killed: a step committed, its event not published yet. */
export const INVENTORY_POINTS = ['reserve', 'release', 'commit-stock'].map(participantPoint);

export const knobs: KnobSpec[] = [
  {
    name: 'sagas',
    kind: 'int',
    default: 30,
    min: 1,
    max: 500,
    label: label('Orders (sagas) started', '시작하는 주문(사가) 수'),
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 100,
    min: 10,
    max: 5000,
    label: label('Time between orders (ms)', '주문 간격 (ms)'),
  },
  { name: 'products', kind: 'int', default: 2, min: 1, max: 5, label: label('Products', '상품 수') },
  {
    name: 'stock',
    kind: 'int',
    default: 25,
    min: 0,
    max: 100000,
    label: label('Initial stock per product', '상품별 초기 재고'),
  },
  {
    name: 'maxQty',
    kind: 'int',
    default: 3,
    min: 1,
    max: 10,
    label: label('Most units in one order', '주문 하나의 최대 수량'),
  },
  {
    name: 'paymentFailPercent',
    kind: 'int',
    default: 20,
    min: 0,
    max: 100,
    label: label('Payments declined (%, seeded)', '결제 거절 비율 (%, 시드 고정)'),
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'kill-inventory',
    values: ['none', 'kill-inventory'],
    label: label('Fault', '장애'),
  },
  {
    name: 'killPoint',
    kind: 'enum',
    default: participantPoint('reserve'),
    values: INVENTORY_POINTS,
    label: label(
      'Where the inventory is killed (step committed, event not published)',
      '재고 서비스를 죽이는 지점 (단계 커밋 후, 이벤트 발행 전)',
    ),
  },
  {
    name: 'killAtMs',
    kind: 'int',
    default: 800,
    min: 0,
    max: 60000,
    label: label('When the point is armed (ms)', '지점을 설정하는 시각 (ms)'),
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 3000,
    min: 0,
    max: 60000,
    label: label('Time the inventory stays down (ms)', '재고 서비스 중단 시간 (ms)'),
  },
  {
    name: 'boundMs',
    kind: 'int',
    default: 30000,
    min: 100,
    max: 300000,
    label: label(
      'Every saga terminal within (ms after the fault heals)',
      '장애 복구 후 모든 사가 종료 제한 (ms)',
    ),
  },
  {
    name: 'brokenCompensation',
    kind: 'bool',
    default: false,
    label: label(
      'Broken compensation: release drops the reservation without restocking',
      '잘못된 보상: 예약을 해제하면서 재고를 되돌리지 않음',
    ),
  },
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const anomalies: string[] = [];
  if (p.brokenCompensation === true) anomalies.push(ANOMALY.stockNotConserved);
  return { valid: anomalies.length === 0, anomalies };
}

const PARTICIPANTS = ['order', 'inventory', 'payment', 'shipping'] as const;

export const sagaChoreography: ScenarioDefinition = {
  id: 'saga-choreography',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['001', '002'],
  knobs,
  plan(p: Params, seed: number) {
    const products = productIds(p.products as number);
    const kafka = kafkaContainers({ brokers: 1, partitions: 3, followerFetchWaitMs: 0 });
    const common = {
      SEED: String(seed),
      CHOREOGRAPHY: 'true',
      BROKERS: bootstrap(1),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const after = brokerNames(1);
    const env: Record<(typeof PARTICIPANTS)[number], Record<string, string>> = {
      order: common,
      inventory: {
        ...common,
        PRODUCTS: productsEnv(products, p.stock as number),
        BROKEN_COMPENSATION: String(p.brokenCompensation),
      },
      payment: { ...common, FAIL_PERCENT: String(p.paymentFailPercent) },
      shipping: { ...common, FAIL_PERCENT: '0' },
    };
    return {
      containers: [
        databaseContainer(),
        ...kafka,
        ...PARTICIPANTS.map((r) => serviceContainer({ name: C[r], role: r, env: env[r], after })),
      ],
      links: [
        ...PARTICIPANTS.map((from) => ({ from: C[from], to: after[0], label: 'saga events (Kafka)' })),
        ...PARTICIPANTS.map((from) => ({ from: C[from], to: C.db, label: `SQL (database ${from})` })),
      ],
      stores: [
        ...(['running', 'compensating', 'completed', 'compensated'] as const).map((state) => ({
          name: STORE.sagas(state),
          container: C.order,
          port: PORT,
          path: `/sagas?state=${state}`,
        })),
        ...liveStores([...PARTICIPANTS]),
      ],
      schedule: choreoSchedule({
        sagas: p.sagas as number,
        intervalMs: p.intervalMs as number,
        products,
        maxQty: p.maxQty as number,
        seed,
        kill:
          p.fault === 'kill-inventory'
            ? { point: p.killPoint as string, atMs: p.killAtMs as number, downMs: p.downMs as number }
            : null,
        settleMs: (p.boundMs as number) + 5000,
        retryMs: 20_000,
      }),
      client: (ctx) => choreoClient(ctx),
      checks: [
        storeCounts(),
        sagasTerminal({ boundMs: (x) => Number(x.boundMs) }),
        sagaOnce(),
        stockConservation({
          initial: (x) =>
            Object.fromEntries(productIds(Number(x.products)).map((id) => [id, Number(x.stock)])),
        }),
        sagaOutcomes(),
      ],
      probeIntervalMs: 500,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
