// Scenario 13 of the catalog: a consistency validation job. The order service writes each
// order to its own database and then a copy to shipping's, not atomically, and sometimes
// the second write is skipped (injected drift, seeded). A reconciler compares the two on a
// period and writes what is missing back from the source of truth; drift is charted down to
// zero, repairs are counted and checked against the source.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { storeCounts } from '../../main/engine/checks';
import { C, PORT, STORE, ANOMALY } from '../shared-saga/names';
import { databaseContainer, serviceContainer, urlOf } from '../shared-saga/topology';
import { sagaClient } from '../shared-saga/client';
import { driftToZero, repairsFromSource } from '../shared-saga/checks/drift-check';
import { reconSchedule } from './generator';
import { title, summary, explanation } from './explanation';

const label = (en: string, ko: string) => ({ en, ko });
/** The writer gives up on a copy write after this long; the grace period must be longer. */
const COPY_TIMEOUT_MS = 1500;

export const knobs: KnobSpec[] = [
  {
    name: 'orders',
    kind: 'int',
    default: 40,
    min: 1,
    max: 2000,
    label: label('Orders written', '쓰는 주문 수'),
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 100,
    min: 10,
    max: 5000,
    label: label('Time between orders (ms)', '주문 간격 (ms)'),
  },
  {
    name: 'driftPercent',
    kind: 'int',
    default: 20,
    min: 0,
    max: 100,
    label: label(
      'Second writes skipped (%, seeded): the drift',
      '건너뛰는 두 번째 쓰기 비율 (%, 시드 고정): 불일치',
    ),
  },
  {
    name: 'reconcile',
    kind: 'bool',
    default: true,
    label: label('Validation job running', '정합성 검증 작업 실행'),
  },
  {
    name: 'periodMs',
    kind: 'int',
    default: 1000,
    min: 100,
    max: 60000,
    label: label('Job period (ms)', '검증 주기 (ms)'),
  },
  {
    name: 'graceMs',
    kind: 'int',
    default: 3000,
    min: 0,
    max: 60000,
    label: label(
      'Rows younger than this are not repaired yet (ms)',
      '이보다 최근의 행은 아직 보정하지 않음 (ms)',
    ),
  },
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  if (p.reconcile === false && (p.driftPercent as number) > 0)
    return { valid: false, anomalies: [ANOMALY.driftLeft, ANOMALY.unrepairedDrift] };
  return { valid: true, anomalies: [] };
}

export const reconciliation: ScenarioDefinition = {
  id: 'reconciliation',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['002', '003'],
  knobs,
  plan(p: Params, seed: number) {
    const period = p.periodMs as number;
    const grace = p.graceMs as number;
    return {
      containers: [
        databaseContainer(),
        serviceContainer({ name: C.shipping, role: 'shipping', env: { SEED: String(seed) } }),
        serviceContainer({
          name: C.order,
          role: 'order',
          env: {
            SEED: String(seed),
            COPY_URL: urlOf(C.shipping),
            DRIFT_PERCENT: String(p.driftPercent),
            CALL_TIMEOUT_MS: String(COPY_TIMEOUT_MS),
          },
        }),
        serviceContainer({
          name: C.reconciler,
          role: 'reconciler',
          env: {
            SOURCE_URL: urlOf(C.order),
            COPY_URL: urlOf(C.shipping),
            PERIOD_MS: String(period),
            GRACE_MS: String(grace),
            RECONCILE: String(p.reconcile),
          },
        }),
      ],
      links: [
        { from: C.order, to: C.shipping, label: 'dual write: the copy (HTTP, sometimes skipped)' },
        { from: C.reconciler, to: C.order, label: 'read the source of truth' },
        { from: C.reconciler, to: C.shipping, label: 'read the copy, repair it' },
        ...(['order', 'shipping', 'reconciler'] as const).map((from) => ({
          from: C[from],
          to: C.db,
          label: `SQL (database ${from})`,
        })),
      ],
      stores: [
        { name: STORE.source, container: C.order, port: PORT, path: '/orders' },
        { name: STORE.copy, container: C.shipping, port: PORT, path: '/copies' },
        // Gauges: how many rows differ now, and how many repairs the job has made so far.
        {
          name: STORE.drift,
          container: C.reconciler,
          port: PORT,
          path: '/drift',
          kind: 'gauge',
          unit: 'orders',
        },
        {
          name: STORE.repairs,
          container: C.reconciler,
          port: PORT,
          path: '/repairs',
          kind: 'gauge',
          unit: 'repairs',
        },
      ],
      schedule: reconSchedule({
        orders: p.orders as number,
        intervalMs: p.intervalMs as number,
        seed,
        // Long enough for the last rows to age past the grace period and two passes more.
        settleMs: p.reconcile === true ? grace + 3 * period + 5000 : 0,
      }),
      client: (ctx) => sagaClient(ctx),
      checks: [storeCounts(), driftToZero({ driftStore: STORE.drift }), repairsFromSource()],
      probeIntervalMs: 250,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
