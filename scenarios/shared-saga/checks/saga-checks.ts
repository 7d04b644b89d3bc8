// The checks of a saga scenario (orchestration, choreography), read from its params: the
// stores' counts, every saga terminal within `boundMs`, each step once, the stock of
// `products` x `stock` conserved, and the business outcomes consistent. Pure.
import type { Checker } from '../../../main/engine/scenario';
import { storeCounts } from '../../../main/engine/checks';
import { productIds } from '../names';
import { stockConservation } from './stock-check';
import { sagaOutcomes } from './outcome-check';
import { sagasTerminal } from './terminal-check';
import { sagaOnce } from './once-check';

export function sagaChecks(): Checker[] {
  return [
    storeCounts(),
    sagasTerminal({ boundMs: (x) => Number(x.boundMs) }),
    sagaOnce(),
    stockConservation({
      initial: (x) => Object.fromEntries(productIds(Number(x.products)).map((id) => [id, Number(x.stock)])),
    }),
    sagaOutcomes(),
  ];
}
