// Scenario 9 of the catalog: the shopping saga without an orchestrator. Order, inventory,
// payment and shipping each own a database and react to each other's events on Kafka
// (each with its own consumer group); a declined payment makes the inventory release the
// stock and the order cancel itself. The inventory is killed at a named point (its
// reservation committed, StockReserved not yet published, the offset not committed) and
// started again: sagas stall, then finish; every invariant must hold.
import type { ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { C, PARTICIPANTS, participantPoint } from '../shared-saga/names';
import { databaseContainer, participantContainers, participantEnvs, sqlLinks } from '../shared-saga/topology';
import { liveStores, sagaStateStores } from '../shared-saga/stores';
import { sagaChecks } from '../shared-saga/checks/saga-checks';
import {
  brokenCompensationKnob,
  expectedAnomalies,
  killKnobs,
  label,
  workloadKnobs,
  workloadOf,
} from '../shared-saga/knobs';
import { kafkaContainers, bootstrap, brokerNames } from '../broker-sync/topology';
import { choreoClient } from './client';
import { sagaSchedule } from '../shared-saga/schedule';
import { title, summary, explanation } from './explanation';

/** Where the inventory can be killed: a step committed, its event not published yet. */
export const INVENTORY_POINTS = ['reserve', 'release', 'commit-stock'].map(participantPoint);

export const knobs: KnobSpec[] = [
  ...workloadKnobs(),
  ...killKnobs({
    fault: 'kill-inventory',
    points: INVENTORY_POINTS,
    defaultPoint: participantPoint('reserve'),
    pointLabel: label(
      'Where the inventory is killed (step committed, event not published)',
      '재고 서비스를 죽이는 지점 (단계 커밋 후, 이벤트 발행 전)',
    ),
    downMs: 3000,
    downLabel: label('Time the inventory stays down (ms)', '재고 서비스 중단 시간 (ms)'),
    boundMs: 30000,
  }),
  brokenCompensationKnob,
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const anomalies = expectedAnomalies(p);
  return { valid: anomalies.length === 0, anomalies };
}

export const sagaChoreography: ScenarioDefinition = {
  id: 'saga-choreography',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['001', '002'],
  knobs,
  plan(p: Params, seed: number) {
    const kafka = kafkaContainers({ brokers: 1, partitions: 3, followerFetchWaitMs: 0 });
    const common = {
      SEED: String(seed),
      CHOREOGRAPHY: 'true',
      BROKERS: bootstrap(1),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
    };
    const after = brokerNames(1);
    return {
      containers: [
        databaseContainer(),
        ...kafka,
        ...participantContainers(participantEnvs(p, common, 0), after),
      ],
      links: [
        ...PARTICIPANTS.map((from) => ({ from: C[from], to: after[0], label: 'saga events (Kafka)' })),
        ...sqlLinks(PARTICIPANTS),
      ],
      // The order service tracks each saga's state here: there is no orchestrator to ask.
      stores: [...sagaStateStores(C.order), ...liveStores(PARTICIPANTS)],
      schedule: sagaSchedule({ ...workloadOf(p, seed, 'kill-inventory'), retryMs: 20_000 }, C.inventory),
      client: (ctx) => choreoClient(ctx),
      checks: sagaChecks(),
      probeIntervalMs: 500,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
