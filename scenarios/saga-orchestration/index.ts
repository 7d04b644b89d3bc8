// Scenario 10 of the catalog: a saga driven by an orchestrator with a persisted saga log.
// Order, inventory, payment and shipping each own a database; the orchestrator calls them
// step by step and compensates on failure. It is killed at a named point (after a step's
// reply, before its log knows) and started again: it must resume every saga from the log,
// none lost, none run twice, and the business invariants must hold.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { storeCounts } from '../../main/engine/checks';
import { C, ORCHESTRATOR_POINTS, productIds, ANOMALY } from '../shared-saga/names';
import { databaseContainer, serviceContainer, productsEnv } from '../shared-saga/topology';
import { liveStores, sagaStateStores } from '../shared-saga/stores';
import { sagaClient } from '../shared-saga/client';
import { stockConservation } from '../shared-saga/checks/stock-check';
import { sagaOutcomes } from '../shared-saga/checks/outcome-check';
import { sagasTerminal } from '../shared-saga/checks/terminal-check';
import { sagaOnce } from '../shared-saga/checks/once-check';
import { sagaSchedule } from './generator';
import { title, summary, explanation } from './explanation';

const label = (en: string, ko: string) => ({ en, ko });

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
    name: 'shippingFailPercent',
    kind: 'int',
    default: 10,
    min: 0,
    max: 100,
    label: label('Shipments refused (%, seeded)', '배송 불가 비율 (%, 시드 고정)'),
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'kill-orchestrator',
    values: ['none', 'kill-orchestrator'],
    label: label('Fault', '장애'),
  },
  {
    name: 'killPoint',
    kind: 'enum',
    default: 'after-charge',
    values: [...ORCHESTRATOR_POINTS],
    label: label(
      'Where the orchestrator is killed (after a reply, before the log)',
      '오케스트레이터를 죽이는 지점 (응답 후, 로그 기록 전)',
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
    default: 2000,
    min: 0,
    max: 60000,
    label: label('Time the orchestrator stays down (ms)', '오케스트레이터 중단 시간 (ms)'),
  },
  {
    name: 'boundMs',
    kind: 'int',
    default: 15000,
    min: 100,
    max: 300000,
    label: label(
      'Every saga terminal within (ms after the fault heals)',
      '장애 복구 후 모든 사가 종료 제한 (ms)',
    ),
  },
  {
    name: 'retryStarts',
    kind: 'bool',
    default: true,
    label: label(
      'The shopper sends an order again while the orchestrator is down',
      '오케스트레이터가 내려가 있으면 쇼핑객이 주문을 다시 보냄',
    ),
  },
  {
    name: 'idempotent',
    kind: 'bool',
    default: true,
    label: label('Participants apply each (saga, step) once', '참여 서비스가 (사가, 단계)를 한 번만 적용'),
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
  if (p.idempotent === false && p.fault !== 'none') anomalies.push(ANOMALY.stepAppliedTwice);
  return { valid: anomalies.length === 0, anomalies };
}

export const sagaOrchestration: ScenarioDefinition = {
  id: 'saga-orchestration',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['001', '002', '003'],
  knobs,
  plan(p: Params, seed: number) {
    const products = productIds(p.products as number);
    const common = { SEED: String(seed), IDEMPOTENT: String(p.idempotent) };
    return {
      containers: [
        databaseContainer(),
        serviceContainer({ name: C.order, role: 'order', env: common }),
        serviceContainer({
          name: C.inventory,
          role: 'inventory',
          env: {
            ...common,
            PRODUCTS: productsEnv(products, p.stock as number),
            BROKEN_COMPENSATION: String(p.brokenCompensation),
          },
        }),
        serviceContainer({
          name: C.payment,
          role: 'payment',
          env: { ...common, FAIL_PERCENT: String(p.paymentFailPercent) },
        }),
        serviceContainer({
          name: C.shipping,
          role: 'shipping',
          env: { ...common, FAIL_PERCENT: String(p.shippingFailPercent) },
        }),
        serviceContainer({ name: C.orchestrator, role: 'orchestrator', env: { SEED: String(seed) } }),
      ],
      links: [
        ...(['order', 'inventory', 'payment', 'shipping'] as const).map((to) => ({
          from: C.orchestrator,
          to: C[to],
          label: 'saga steps (HTTP)',
        })),
        ...(['order', 'inventory', 'payment', 'shipping', 'orchestrator'] as const).map((from) => ({
          from: C[from],
          to: C.db,
          label: `SQL (database ${from})`,
        })),
      ],
      stores: [...sagaStateStores(), ...liveStores(['order', 'inventory', 'payment', 'shipping'])],
      schedule: sagaSchedule({
        sagas: p.sagas as number,
        intervalMs: p.intervalMs as number,
        products,
        maxQty: p.maxQty as number,
        seed,
        kill:
          p.fault === 'kill-orchestrator'
            ? { point: p.killPoint as string, atMs: p.killAtMs as number, downMs: p.downMs as number }
            : null,
        settleMs: (p.boundMs as number) + 5000,
        retryMs: p.retryStarts === true ? (p.downMs as number) + 15_000 : 0,
      }),
      client: (ctx) => sagaClient(ctx),
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
