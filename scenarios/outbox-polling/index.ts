// Scenario 6 of the catalog: the transactional outbox with a polling relay. The lab kills
// the relay between publishing a batch and marking it sent (relay-after-publish-before-mark).
import type { ScenarioDefinition, Params } from '../../main/engine/scenario';
import { lostWrites, storeCounts, convergence } from '../../main/engine/checks';
import { sharedKnobs } from '../shared-outbox/knobs';
import { outboxContainers, outboxLag, outboxLinks, outboxStores } from '../shared-outbox/topology';
import { outboxSchedule } from '../shared-outbox/generator';
import { outboxClient } from '../shared-outbox/client';
import { deliveryLatency, duplicateEffects, lostEvents, relayPolling } from '../shared-outbox/checks';
import { ANOMALY, C, POINT } from '../shared-outbox/names';
import { title, summary, explanation } from './explanation';

const PROBE_MS = 100;

export const outboxPolling: ScenarioDefinition = {
  id: 'outbox-polling',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['002', '003'],
  knobs: [
    ...sharedKnobs,
    {
      name: 'pollMs',
      kind: 'int',
      default: 200,
      min: 10,
      max: 5000,
      label: { en: 'Relay polling interval (ms)', ko: '릴레이 폴링 간격 (ms)' },
    },
    {
      name: 'batchSize',
      kind: 'int',
      default: 10,
      min: 1,
      max: 500,
      label: { en: 'Outbox rows per poll', ko: '폴링당 아웃박스 행 수' },
    },
  ],
  plan(p: Params) {
    const faulty = p.fault === 'kill-at-point';
    const idempotent = p.idempotent as boolean;
    return {
      containers: outboxContainers({
        mode: 'outbox',
        idempotent,
        pollMs: p.pollMs as number,
        batchSize: p.batchSize as number,
      }),
      links: outboxLinks('outbox'),
      stores: outboxStores('outbox'),
      schedule: outboxSchedule({
        orders: p.orders as number,
        intervalMs: p.intervalMs as number,
        kill: faulty
          ? {
              target: C.relay,
              point: POINT.relayAfterPublishBeforeMark,
              times: p.kills as number,
              downMs: p.downMs as number,
            }
          : null,
      }),
      client: (ctx) => outboxClient(ctx, { hasOutbox: true, hasRelay: true }),
      checks: [
        storeCounts(),
        lostWrites({ addF: 'add' }),
        lostEvents(),
        duplicateEffects(),
        deliveryLatency(PROBE_MS),
        relayPolling(),
        convergence(),
      ],
      probeIntervalMs: PROBE_MS,
      consumerLag: outboxLag(),
      quiesceMs: 300,
      expected:
        faulty && !idempotent
          ? { valid: false, anomalies: [ANOMALY.duplicateEffect] }
          : { valid: true, anomalies: [] },
    };
  },
};
