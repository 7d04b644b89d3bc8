// Drives one saga from its persisted log: run the next step, log its outcome, and so on;
// on a definite refusal switch to compensating and undo the steps done, newest first.
// The log is the only memory: a restarted orchestrator calls driveSaga for every saga that
// is not terminal and carries on from the last logged position. A step whose reply arrived
// but was not logged yet (killed at the named point after it) is sent again: participants
// apply each (saga, step) once and replay the outcome.
// An unknown outcome (timeout, reset, 5xx) or an unreachable participant is retried with
// backoff, never taken as a refusal: compensating for a step that may have happened would be
// as wrong as going on after one that did not.
import type { PeerResult } from '../peer';
import type { Participant } from '../config';
import { SAGA_STEPS, TERMINAL, pointAfter, type Saga, type SagaState, type SagaStep } from './steps';

export interface LogEntry {
  step: string;
  phase: 'do' | 'undo';
  outcome: 'ok' | 'declined';
  reason?: string;
}

export interface Position {
  state: SagaState;
  next: number;
}

export interface SagaLog {
  load(id: string): Promise<Saga | null>;
  /**
   * Atomically: moves the saga from `from` to `to` and appends `entry` to its log. False when
   * the saga was no longer at `from` (someone else moved it): nothing is written.
   */
  advance(
    id: string,
    from: Position,
    to: Position & { failedStep?: string; reason?: string },
    entry: LogEntry | null,
  ): Promise<boolean>;
}

export interface DriverDeps {
  log: SagaLog;
  call(service: Participant, step: string, body: Record<string, unknown>): Promise<PeerResult>;
  reach(point: string, detail: unknown): Promise<void>;
  sleep(ms: number): Promise<void>;
  stopped(): boolean;
  note?(line: string): void;
  steps?: readonly SagaStep[];
}

export type Definite = { ok: true } | { ok: false; reason: string };

/** Calls until the outcome is definite (ok or declined); null if stopped first. */
export async function callUntilDefinite(
  deps: DriverDeps,
  service: Participant,
  step: string,
  body: Record<string, unknown>,
): Promise<Definite | null> {
  for (let attempt = 1; !deps.stopped(); attempt++) {
    const r = await deps.call(service, step, body);
    if (r.kind === 'ok') return { ok: true };
    if (r.kind === 'declined') return { ok: false, reason: r.reason };
    deps.note?.(`${body.saga}: ${step} at ${service}: ${r.error}; retry ${attempt}`);
    await deps.sleep(Math.min(100 * 2 ** Math.min(attempt - 1, 4), 1000));
  }
  return null;
}

function bodyOf(s: Saga): Record<string, unknown> {
  return { saga: s.id, product: s.product, qty: s.qty, amount: s.amount, user: s.user };
}

/** Drives the saga until it is terminal (or the process stops). Returns its last state. */
export async function driveSaga(id: string, deps: DriverDeps): Promise<SagaState | null> {
  const steps = deps.steps ?? SAGA_STEPS;
  for (;;) {
    if (deps.stopped()) return null;
    const s = await deps.log.load(id);
    if (!s) return null;
    if (TERMINAL.has(s.state)) return s.state;
    const from: Position = { state: s.state, next: s.next };
    let moved: boolean;
    if (s.state === 'running') {
      if (s.next >= steps.length) {
        moved = await deps.log.advance(id, from, { state: 'completed', next: steps.length }, null);
      } else {
        const step = steps[s.next];
        const r = await callUntilDefinite(deps, step.service, step.name, bodyOf(s));
        if (!r) return null;
        await deps.reach(pointAfter(step.name), { saga: id, step: step.name, ok: r.ok });
        if (r.ok) {
          const next = s.next + 1;
          moved = await deps.log.advance(
            id,
            from,
            { state: next >= steps.length ? 'completed' : 'running', next },
            { step: step.name, phase: 'do', outcome: 'ok' },
          );
        } else {
          // The refused step took no effect: undo the ones before it.
          const next = s.next - 1;
          moved = await deps.log.advance(
            id,
            from,
            {
              state: next < 0 ? 'compensated' : 'compensating',
              next,
              failedStep: step.name,
              reason: r.reason,
            },
            { step: step.name, phase: 'do', outcome: 'declined', reason: r.reason },
          );
        }
      }
    } else {
      const i = s.next;
      const step = i >= 0 ? steps[i] : undefined;
      let entry: LogEntry | null = null;
      if (step?.undo) {
        const r = await callUntilDefinite(deps, step.service, step.undo, bodyOf(s));
        if (!r) return null;
        await deps.reach(pointAfter(step.undo), { saga: id, step: step.undo, ok: r.ok });
        // A compensation cannot be refused for a business reason; if it is, log it and go on.
        entry = r.ok
          ? { step: step.undo, phase: 'undo', outcome: 'ok' }
          : { step: step.undo, phase: 'undo', outcome: 'declined', reason: r.reason };
      }
      const next = i - 1;
      moved = await deps.log.advance(
        id,
        from,
        { state: next < 0 ? 'compensated' : 'compensating', next },
        entry,
      );
    }
    if (!moved) deps.note?.(`${id}: moved by someone else at ${from.state}/${from.next}`);
  }
}
