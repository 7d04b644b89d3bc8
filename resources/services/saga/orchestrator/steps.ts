// The saga of an order, step by step, and what undoes each step. Steps after `ship` never
// fail for business reasons, so they need no compensation.
import type { Participant } from '../config';

export interface SagaStep {
  name: string;
  service: Participant;
  /** The compensating step, or null when nothing can follow it that fails. */
  undo: string | null;
}

export const SAGA_STEPS: readonly SagaStep[] = [
  { name: 'create-order', service: 'order', undo: 'cancel-order' },
  { name: 'reserve', service: 'inventory', undo: 'release' },
  { name: 'charge', service: 'payment', undo: 'refund' },
  { name: 'ship', service: 'shipping', undo: 'cancel-shipment' },
  { name: 'commit-stock', service: 'inventory', undo: null },
  { name: 'confirm-order', service: 'order', undo: null },
];

export type SagaState = 'running' | 'compensating' | 'completed' | 'compensated';

export const TERMINAL: ReadonlySet<string> = new Set(['completed', 'compensated']);

export interface Saga {
  id: string;
  product: string;
  qty: number;
  amount: number;
  user: string | null;
  state: SagaState;
  /**
   * running: index of the next step to run; compensating: index of the next step to undo,
   * counting down (-1: nothing left to undo).
   */
  next: number;
  failedStep: string | null;
  reason: string | null;
}

/** The named point the orchestrator reaches after a step's reply, before logging it. */
export function pointAfter(step: string): string {
  return `after-${step}`;
}
