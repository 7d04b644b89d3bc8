// The built-in scenario catalog.
import type { ScenarioDefinition } from '../main/engine/scenario';
import { LabError } from '../main/engine/errors';
import { brokerSync } from './broker-sync';
import { queueSingleWriter } from './queue-single-writer';
import { splitStores } from './split-stores';
import { sharedDb } from './shared-db';
import { dualWrite } from './dual-write';
import { outboxPolling } from './outbox-polling';
import { outboxCdc } from './outbox-cdc';
import { idempotencyDlq } from './idempotency-dlq';
import { sagaOrchestration } from './saga-orchestration';
import { sagaChoreography } from './saga-choreography';
import { compositionVsCqrsScenario } from './composition-vs-cqrs';
import { syncGateway } from './sync-gateway';
import { reconciliation } from './reconciliation';

export const scenarios: ScenarioDefinition[] = [
  splitStores,
  sharedDb,
  dualWrite,
  outboxPolling,
  outboxCdc,
  idempotencyDlq,
  brokerSync,
  queueSingleWriter,
  sagaChoreography,
  sagaOrchestration,
  syncGateway,
  compositionVsCqrsScenario,
  reconciliation,
];

export function getScenario(id: string): ScenarioDefinition {
  const s = scenarios.find((x) => x.id === id);
  if (!s)
    throw new LabError(
      'SCENARIO_UNKNOWN',
      `unknown scenario '${id}'. Valid ids: ${scenarios.map((x) => x.id).join(', ')}`,
    );
  return s;
}
