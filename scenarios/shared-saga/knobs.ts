// The knobs the saga scenarios (orchestration, choreography) share, and what the shared ones
// mean for a plan: the shopping workload, one service killed at a named point and started
// again, and a compensation that can be broken on purpose. Each scenario keeps its own
// knobs (and their place in the list) in its folder. Pure.
import type { Bilingual, KnobSpec, Params } from '../../main/engine/scenario';
import { ANOMALY, productIds } from './names';

export const label = (en: string, ko: string): Bilingual => ({ en, ko });

/** The shopping workload: how many orders, how fast, of what, and how many payments fail. */
export function workloadKnobs(): KnobSpec[] {
  return [
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
  ];
}

export interface KillKnobsOptions {
  /** The `fault` knob's value that kills ('kill-inventory'); the other is 'none'. */
  fault: string;
  /** The named points the service can be killed at, the default one, and the knob's label. */
  points: readonly string[];
  defaultPoint: string;
  pointLabel: Bilingual;
  /** How long the service stays down by default, and the knob's label. */
  downMs: number;
  downLabel: Bilingual;
  /** The default bound for every saga to be terminal after the fault heals. */
  boundMs: number;
}

/** fault, killPoint, killAtMs, downMs and boundMs: one service killed at a named point. */
export function killKnobs(o: KillKnobsOptions): KnobSpec[] {
  return [
    {
      name: 'fault',
      kind: 'enum',
      default: o.fault,
      values: ['none', o.fault],
      label: label('Fault', '장애'),
    },
    { name: 'killPoint', kind: 'enum', default: o.defaultPoint, values: [...o.points], label: o.pointLabel },
    {
      name: 'killAtMs',
      kind: 'int',
      default: 800,
      min: 0,
      max: 60000,
      label: label('When the point is armed (ms)', '지점을 설정하는 시각 (ms)'),
    },
    { name: 'downMs', kind: 'int', default: o.downMs, min: 0, max: 60000, label: o.downLabel },
    {
      name: 'boundMs',
      kind: 'int',
      default: o.boundMs,
      min: 100,
      max: 300000,
      label: label(
        'Every saga terminal within (ms after the fault heals)',
        '장애 복구 후 모든 사가 종료 제한 (ms)',
      ),
    },
  ];
}

export const brokenCompensationKnob: KnobSpec = {
  name: 'brokenCompensation',
  kind: 'bool',
  default: false,
  label: label(
    'Broken compensation: release drops the reservation without restocking',
    '잘못된 보상: 예약을 해제하면서 재고를 되돌리지 않음',
  ),
};

export interface Kill {
  point: string;
  atMs: number;
  downMs: number;
}

/** What the shared knobs ask of a saga scenario's workload generator. */
export interface SagaWorkloadParams {
  sagas: number;
  intervalMs: number;
  products: string[];
  maxQty: number;
  seed: number;
  /** At the chosen point when the `fault` knob is on, else none. */
  kill: Kill | null;
  /** How long the final audit waits for every saga to be terminal: the bound and 5 s more. */
  settleMs: number;
}

/** The workload the knobs describe; `fault` is the `fault` knob's value that kills. */
export function workloadOf(p: Params, seed: number, fault: string): SagaWorkloadParams {
  return {
    sagas: p.sagas as number,
    intervalMs: p.intervalMs as number,
    products: productIds(p.products as number),
    maxQty: p.maxQty as number,
    seed,
    kill:
      p.fault === fault
        ? { point: p.killPoint as string, atMs: p.killAtMs as number, downMs: p.downMs as number }
        : null,
    settleMs: (p.boundMs as number) + 5000,
  };
}

/** The anomalies the shared knobs make expected: a broken compensation loses stock. */
export function expectedAnomalies(p: Params): string[] {
  return p.brokenCompensation === true ? [ANOMALY.stockNotConserved] : [];
}
