// Stock conservation, from the inventory's own numbers read directly at the end:
//   stock-not-conserved  units missing or created: |initial - (available + reserved + sold)|
//                        per product, summed. The initial stock comes from the run's params,
//                        not from the inventory.
//   stock-left-reserved  units still reserved although every saga is terminal
//   sold-mismatch        |sold - units of the completed sagas| per product, summed
// Pure.
import type { Checker, CheckInput } from '../../../main/engine/scenario';
import type { CheckResult, Validity } from '../../../main/engine/checks';
import { firstExamples } from '../../../main/engine/checks/compose';
import { requireAudit, type SagaAudit } from '../audit';
import { ANOMALY, TERMINAL_STATES } from '../names';

export interface StockOptions {
  /** The initial stock of each product, from the params. */
  initial(params: CheckInput['params']): Record<string, number>;
}

export function stockConservation(o: StockOptions): Checker {
  return {
    name: 'stock-conservation',
    check(input: CheckInput): CheckResult {
      const { audit } = requireAudit<SagaAudit>(input.history);
      const initial = o.initial(input.params);
      const products = [...new Set([...Object.keys(initial), ...audit.products.map((p) => p.id)])].sort();
      const allTerminal = audit.sagas.every((s) => TERMINAL_STATES.has(s.state));
      let notConserved = 0;
      let leftReserved = 0;
      let soldMismatch = 0;
      const ex: Record<string, unknown[]> = {
        [ANOMALY.stockNotConserved]: [],
        [ANOMALY.stockLeftReserved]: [],
        [ANOMALY.soldMismatch]: [],
      };
      const perProduct: Record<string, unknown> = {};
      // Each product's inventory row (the first with its id) and units of completed sagas,
      // in one pass each rather than one per product.
      const rowOf = new Map<string, SagaAudit['products'][number]>();
      for (const x of audit.products) if (!rowOf.has(x.id)) rowOf.set(x.id, x);
      const completedOf = new Map<string, number>();
      for (const s of audit.sagas)
        if (s.state === 'completed') completedOf.set(s.product, (completedOf.get(s.product) ?? 0) + s.qty);
      for (const id of products) {
        const p = rowOf.get(id);
        const init = initial[id];
        if (!p || init === undefined) {
          notConserved += init ?? 0;
          ex[ANOMALY.stockNotConserved].push({ product: id, initial: init ?? null, inInventory: !!p });
          continue;
        }
        const total = p.available + p.reserved + p.sold;
        const completedUnits = completedOf.get(id) ?? 0;
        perProduct[id] = { ...p, inventoryInitial: p.initial, initial: init, total, completedUnits };
        if (total !== init) {
          notConserved += Math.abs(init - total);
          ex[ANOMALY.stockNotConserved].push({
            product: id,
            initial: init,
            available: p.available,
            reserved: p.reserved,
            sold: p.sold,
            missing: init - total,
          });
        }
        if (allTerminal && p.reserved !== 0) {
          leftReserved += p.reserved;
          ex[ANOMALY.stockLeftReserved].push({ product: id, reserved: p.reserved });
        }
        if (p.sold !== completedUnits) {
          soldMismatch += Math.abs(p.sold - completedUnits);
          ex[ANOMALY.soldMismatch].push({ product: id, sold: p.sold, completedUnits });
        }
      }
      const anomalies = {
        [ANOMALY.stockNotConserved]: notConserved,
        [ANOMALY.stockLeftReserved]: leftReserved,
        [ANOMALY.soldMismatch]: soldMismatch,
      };
      const valid: Validity = notConserved + leftReserved + soldMismatch > 0 ? false : true;
      const summary = products
        .map((id) => {
          const p = perProduct[id] as
            { initial: number; available: number; reserved: number; sold: number } | undefined;
          return p
            ? `${id}: ${p.available} available + ${p.reserved} reserved + ${p.sold} sold = ${p.available + p.reserved + p.sold} of ${p.initial}`
            : `${id}: not in the inventory`;
        })
        .join('; ');
      return {
        name: 'stock-conservation',
        valid,
        summary: `${summary}${valid ? ': conserved' : `: ${notConserved} units not conserved, ${leftReserved} left reserved, sold off by ${soldMismatch}`}`,
        anomalies,
        examples: Object.fromEntries(
          Object.entries(ex)
            .map(([k, v]) => [k, firstExamples(v)])
            .filter(([, v]) => v.length),
        ),
        stats: { products: perProduct, allTerminal },
      };
    },
  };
}
