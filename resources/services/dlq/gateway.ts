// The payment gateway the consumer calls, simulated and deterministic: what happens to a
// charge depends only on the order's card and on which try this is (see event.ts).
import type { Card } from './event';

export class GatewayError extends Error {
  constructor(
    message: string,
    /** A transient failure may pass on a later try; the consumer cannot tell which is which. */
    readonly transient: boolean,
  ) {
    super(message);
  }
}

/** Throws GatewayError when this try fails. Pure. */
export function charge(card: Card, attempt: number): void {
  if (card === 'poison') throw new GatewayError('gateway answered 500: card cannot be processed', false);
  if (card === 'flaky' && attempt === 1) throw new GatewayError('gateway timed out', true);
}
