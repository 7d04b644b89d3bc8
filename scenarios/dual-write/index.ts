// Scenario 5 of the catalog: dual write. The writer commits the order, then publishes the
// event; the lab kills it between the two at the named point after-commit-before-publish.
import type { ScenarioDefinition, Params } from '../../main/engine/scenario';
import { lostWrites, storeCounts, convergence } from '../../main/engine/checks';
import { sharedKnobs } from '../shared-outbox/knobs';
import { outboxContainers, outboxLag, outboxLinks, outboxStores } from '../shared-outbox/topology';
import { outboxSchedule } from '../shared-outbox/generator';
import { outboxClient } from '../shared-outbox/client';
import { deliveryLatency, duplicateEffects, lostEvents } from '../shared-outbox/checks';
import { ANOMALY, C, POINT } from '../shared-outbox/names';
import { title, summary, explanation } from './explanation';

const PROBE_MS = 100;

export const dualWrite: ScenarioDefinition = {
  id: 'dual-write',
  pack: 2,
  title,
  summary,
  explanation,
  seeds: ['002', '003'],
  knobs: sharedKnobs,
  plan(p: Params) {
    const faulty = p.fault === 'kill-at-point';
    return {
      containers: outboxContainers({ mode: 'dual-write', idempotent: p.idempotent as boolean }),
      links: outboxLinks('dual-write'),
      stores: outboxStores('dual-write'),
      schedule: outboxSchedule({
        orders: p.orders as number,
        intervalMs: p.intervalMs as number,
        kill: faulty
          ? {
              target: C.writer,
              point: POINT.afterCommitBeforePublish,
              times: p.kills as number,
              downMs: p.downMs as number,
            }
          : null,
      }),
      client: (ctx) => outboxClient(ctx, { hasOutbox: false, hasRelay: false }),
      checks: [
        storeCounts(),
        lostWrites({ addF: 'add' }),
        lostEvents(),
        duplicateEffects(),
        deliveryLatency(PROBE_MS),
        convergence(),
      ],
      probeIntervalMs: PROBE_MS,
      consumerLag: outboxLag(),
      quiesceMs: 300,
      expected: faulty ? { valid: false, anomalies: [ANOMALY.lostEvent] } : { valid: true, anomalies: [] },
    };
  },
};
