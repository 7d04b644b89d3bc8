// The synchronous coordinator of seed 004 (the "gateway approach"): for each order it calls
// every participant in turn (create the order, reserve the stock, charge the card); when all
// succeed the order is done, when one fails it rolls back the ones done, newest first, and
// answers that the order failed. It keeps no log and tries each rollback once: simple, and
// exactly where partial failure comes from. A participant that committed and then died before
// answering cannot be rolled back (its rollback finds it down), so its change stays although
// the user was told the order failed.
//   POST /orders {id, product, qty, user}
//     201 {outcome: 'done'}
//     409 {outcome: 'failed', failedAt, reason, rolledBack, rollbackFailed: []}  clean failure
//     502 {outcome: 'failed', ..., rollbackFailed: [participants]}              partial failure
import type { Config, Participant } from './config';
import type { Routes } from './server';
import type { Call, PeerResult } from './peer';
import { BadRequest, intOf, strOf } from './applied';

export interface GatewayStep {
  name: string;
  service: Participant;
  undo: string;
}

export const GATEWAY_STEPS: readonly GatewayStep[] = [
  { name: 'create-order', service: 'order', undo: 'cancel-order' },
  { name: 'reserve', service: 'inventory', undo: 'release' },
  { name: 'charge', service: 'payment', undo: 'refund' },
];

export type Coordinated =
  | { ok: true }
  | {
      ok: false;
      failedAt: string;
      reason: string;
      /** The failed step's outcome is unknown: it may have committed, so it is rolled back too. */
      uncertain: boolean;
      rolledBack: Participant[];
      rollbackFailed: Participant[];
    };

export type StepCall = (
  service: Participant,
  step: string,
  body: Record<string, unknown>,
) => Promise<PeerResult>;

/** Calls each participant once, in order; on failure rolls back once each. */
export async function coordinate(
  body: Record<string, unknown>,
  call: StepCall,
  steps: readonly GatewayStep[] = GATEWAY_STEPS,
): Promise<Coordinated> {
  const done: GatewayStep[] = [];
  for (const step of steps) {
    const r = await call(step.service, step.name, body);
    if (r.kind === 'ok') {
      done.push(step);
      continue;
    }
    const uncertain = r.kind === 'unknown';
    const reason = r.kind === 'declined' ? r.reason : r.error;
    const undo = [...(uncertain ? [step] : []), ...done.reverse()];
    const rolledBack: Participant[] = [];
    const rollbackFailed: Participant[] = [];
    for (const u of undo) {
      const x = await call(u.service, u.undo, body);
      (x.kind === 'ok' ? rolledBack : rollbackFailed).push(u.service);
    }
    return { ok: false, failedAt: step.name, reason, uncertain, rolledBack, rollbackFailed };
  }
  return { ok: true };
}

export function gatewayRoutes(cfg: Config, call: Call, log: (line: string) => void): Routes {
  const stepCall: StepCall = (service, step, body) =>
    call(cfg.peers[service], 'POST', `/steps/${step}`, body);
  return {
    'POST /orders': async ({ body }) => {
      let order: Record<string, unknown>;
      try {
        const qty = intOf(body, 'qty', 1);
        const id = strOf(body, 'id');
        order = {
          saga: id,
          product: strOf(body, 'product'),
          qty,
          amount: qty * cfg.price,
          user: typeof body.user === 'string' ? body.user : null,
        };
      } catch (e) {
        if (e instanceof BadRequest) return { status: 400, body: { error: e.message, definite: true } };
        throw e;
      }
      const r = await coordinate(order, stepCall);
      if (r.ok) return { status: 201, body: { id: order.saga, outcome: 'done' } };
      if (r.rollbackFailed.length)
        log(`${order.saga}: PARTIAL FAILURE, left committed at ${r.rollbackFailed.join(', ')}`);
      return {
        status: r.rollbackFailed.length ? 502 : 409,
        body: {
          id: order.saga,
          outcome: 'failed',
          error: `${r.failedAt}: ${r.reason}`,
          definite: true,
          ...r,
        },
      };
    },
  };
}
