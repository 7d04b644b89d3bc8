// The hot product's invariants, checked against the database's own numbers:
//   oversell     = units sold (sale rows in the database) - initial stock, when positive
//   lost-update  = acknowledged sales - (initial stock - final stock), when positive:
//                  sales the stock column never subtracted.
// Sale rows come from the final read of the sales store (after quiescence). The final stock
// comes from a stock read invoked after every buy had completed (each buyer reads once after
// its last buy; the last of those reads qualifies). Pure.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult, Validity } from '../../main/engine/checks';
import { writesOf } from '../../main/engine/checks';
import { pairWithPositions } from '../../main/engine/checks/history-views';

export interface HotProductOptions {
  /** The store listing sale ids (rows = sale rows in the database). */
  salesStore?: string;
  buyF?: string;
  stockF?: string;
  /** The param holding the initial stock. */
  stockParam?: string;
}

export interface FinalStockRead {
  stock: number;
  sold?: number;
  t: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The stock read invoked after every buy completed, or null (with the reason). */
export function finalStockRead(
  input: CheckInput,
  buyF: string,
  stockF: string,
): { read: FinalStockRead | null; why?: string } {
  // One pass: when the last buy completed, and the last stock read invoked that succeeded.
  // (A spread into Math.max overflowed the stack past ~120,000 buys.)
  const pairs = pairWithPositions(input.history);
  let lastBuyDone = -1;
  let last: (typeof pairs)[number] | undefined;
  for (const p of pairs) {
    if (p.invoke.f === buyF) {
      if (p.completePos === undefined) return { read: null, why: 'a buy never completed' };
      lastBuyDone = Math.max(lastBuyDone, p.completePos);
    }
    if (
      p.invoke.f === stockF &&
      p.complete?.type === 'ok' &&
      isRecord(p.complete.value) &&
      typeof p.complete.value.stock === 'number' &&
      (!last || p.invokePos > last.invokePos)
    )
      last = p;
  }
  if (!last) return { read: null, why: 'no stock read succeeded' };
  if (last.invokePos < lastBuyDone)
    return { read: null, why: 'no stock read was invoked after the last buy completed' };
  const v = last.complete!.value as Record<string, unknown>;
  return {
    read: {
      stock: v.stock as number,
      sold: typeof v.sold === 'number' ? v.sold : undefined,
      t: last.complete!.time,
    },
    why: undefined,
  };
}

interface WroteGroup {
  wrote: number;
  sales: string[];
}

/** Acknowledged sales that wrote the same stock value: all but one of each group was lost. */
function sameWriteGroups(input: CheckInput, buyF: string): WroteGroup[] {
  const by = new Map<number, string[]>();
  for (const p of pairWithPositions(input.history)) {
    if (p.invoke.f !== buyF || p.complete?.type !== 'ok' || !isRecord(p.complete.value)) continue;
    const { wrote, id } = p.complete.value;
    if (typeof wrote !== 'number' || typeof id !== 'string') continue;
    const sales = by.get(wrote);
    if (sales) sales.push(id);
    else by.set(wrote, [id]);
  }
  return [...by.entries()].filter(([, ids]) => ids.length > 1).map(([wrote, sales]) => ({ wrote, sales }));
}

export function hotProduct(o: HotProductOptions = {}): Checker {
  const salesStore = o.salesStore ?? 'sales';
  const buyF = o.buyF ?? 'buy';
  const stockF = o.stockF ?? 'stock';
  const stockParam = o.stockParam ?? 'stock';
  return {
    name: 'hot-product',
    check(input: CheckInput): CheckResult {
      const initial = Number(input.params[stockParam]);
      if (!Number.isFinite(initial)) throw new Error(`param '${stockParam}' (initial stock) is missing`);
      const buys = writesOf(input.history, buyF);
      const acked = buys.filter((w) => w.outcome === 'ok').length;
      const failed = buys.filter((w) => w.outcome === 'fail').length;
      const unknown = buys.filter((w) => w.outcome === 'info' || w.outcome === 'pending').length;
      const store = input.finalStores.find((s) => s.name === salesStore);
      const { read, why } = finalStockRead(input, buyF, stockF);
      const soldRows = store?.available ? store.rows : read?.sold;
      const soldFrom = store?.available
        ? `the ${salesStore} store`
        : read?.sold !== undefined
          ? 'the final stock read'
          : null;

      const oversell = soldRows === undefined ? null : Math.max(0, soldRows - initial);
      const lostUpdate = read ? Math.max(0, acked - (initial - read.stock)) : null;
      let valid: Validity =
        (oversell ?? 0) > 0 || (lostUpdate ?? 0) > 0
          ? false
          : oversell === null || lostUpdate === null
            ? 'unknown'
            : true;
      if (buys.length === 0) valid = true;

      const anomalies: Record<string, number> = {};
      if (oversell !== null) anomalies.oversell = oversell;
      if (lostUpdate !== null) anomalies['lost-update'] = lostUpdate;
      const examples: Record<string, unknown[]> = {};
      if (oversell && store?.available) {
        examples.oversell = store.ids
          .slice(initial, initial + 5)
          .map((id, i) => ({ sale: id, unit: initial + i + 1, initialStock: initial }));
      }
      if (lostUpdate) examples['lost-update'] = sameWriteGroups(input, buyF).slice(0, 5);

      const parts = [
        `initial stock ${initial}`,
        `${buys.length} buys: ${acked} acknowledged, ${failed} failed${unknown ? `, ${unknown} unknown` : ''}`,
        soldRows === undefined
          ? 'sale rows unknown (sales store unreadable)'
          : `${soldRows} units sold in the database`,
        read ? `final stock ${read.stock}` : `final stock unknown (${why})`,
      ];
      const verdict =
        oversell === null && lostUpdate === null
          ? 'cannot tell'
          : `oversell ${oversell ?? '?'}, lost updates ${lostUpdate ?? '?'}`;
      return {
        name: 'hot-product',
        valid,
        summary: `${parts.join('; ')}: ${verdict}`,
        anomalies,
        examples,
        stats: {
          initialStock: initial,
          finalStock: read?.stock ?? null,
          soldRows: soldRows ?? null,
          soldFrom,
          acknowledged: acked,
          failed,
          unknownOutcome: unknown,
          oversell,
          lostUpdates: lostUpdate,
          finalStockUnknownBecause: why ?? null,
        },
      };
    },
  };
}
