// Scenario 10 of the catalog: a saga driven by an orchestrator with a persisted saga log.
// Order, inventory, payment and shipping each own a database; the orchestrator calls them
// step by step and compensates on failure. It is killed at a named point (after a step's
// reply, before its log knows) and started again: it must resume every saga from the log,
// none lost, none run twice, and the business invariants must hold.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { C, ORCHESTRATOR_POINTS, PARTICIPANTS, ANOMALY } from '../shared-saga/names';
import {
  databaseContainer,
  participantContainers,
  participantEnvs,
  serviceContainer,
  sqlLinks,
} from '../shared-saga/topology';
import { liveStores, sagaStateStores } from '../shared-saga/stores';
import { sagaClient } from '../shared-saga/client';
import { sagaChecks } from '../shared-saga/checks/saga-checks';
import {
  brokenCompensationKnob,
  expectedAnomalies,
  killKnobs,
  label,
  workloadKnobs,
  workloadOf,
} from '../shared-saga/knobs';
import { sagaSchedule } from '../shared-saga/schedule';
import { title, summary, explanation } from './explanation';

export const knobs: KnobSpec[] = [
  ...workloadKnobs(),
  {
    name: 'shippingFailPercent',
    kind: 'int',
    default: 10,
    min: 0,
    max: 100,
    label: label('Shipments refused (%, seeded)', '배송 불가 비율 (%, 시드 고정)'),
  },
  ...killKnobs({
    fault: 'kill-orchestrator',
    points: ORCHESTRATOR_POINTS,
    defaultPoint: 'after-charge',
    pointLabel: label(
      'Where the orchestrator is killed (after a reply, before the log)',
      '오케스트레이터를 죽이는 지점 (응답 후, 로그 기록 전)',
    ),
    downMs: 2000,
    downLabel: label('Time the orchestrator stays down (ms)', '오케스트레이터 중단 시간 (ms)'),
    boundMs: 15000,
  }),
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
  brokenCompensationKnob,
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const anomalies = expectedAnomalies(p);
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
    const common = { SEED: String(seed), IDEMPOTENT: String(p.idempotent) };
    return {
      containers: [
        databaseContainer(),
        ...participantContainers(participantEnvs(p, common, p.shippingFailPercent)),
        serviceContainer({ name: C.orchestrator, role: 'orchestrator', env: { SEED: String(seed) } }),
      ],
      links: [
        ...PARTICIPANTS.map((to) => ({ from: C.orchestrator, to: C[to], label: 'saga steps (HTTP)' })),
        ...sqlLinks([...PARTICIPANTS, 'orchestrator']),
      ],
      stores: [...sagaStateStores(), ...liveStores(PARTICIPANTS)],
      schedule: sagaSchedule(
        {
          ...workloadOf(p, seed, 'kill-orchestrator'),
          retryMs: p.retryStarts === true ? (p.downMs as number) + 15_000 : 0,
        },
        C.orchestrator,
      ),
      client: (ctx) => sagaClient(ctx),
      checks: sagaChecks(),
      probeIntervalMs: 500,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
