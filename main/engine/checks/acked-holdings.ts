// Which readable stores hold each acknowledged write. split-data (which store lacks the
// fewest) and lost-writes (which are held nowhere) both ask it of every acknowledged id; made
// once (shared within runChecks), it costs one lookup per acknowledged write and one per id a
// store holds. Pure.
import type { CheckInput } from '../scenario';
import type { StoreSnapshot } from '../events';
import { ackedIdsOf, ackOrder, storeIds, writesOf } from './history-views';
import { rowStores } from './store-kinds';
import { sharedView } from './shared-views';

export interface AckedHoldings {
  /** The distinct acknowledged ids, in the order acknowledged. */
  ids: readonly string[];
  /** For each write of writesOf(history, addF): the place of its id in `ids` if acknowledged, else -1. */
  placeOfWrite: Int32Array;
  /** Each readable store of rows (in the order of the final stores): 1 at the places it holds. */
  holds: ReadonlyMap<StoreSnapshot, Uint8Array>;
  /** How many of the places each readable store holds. */
  held: ReadonlyMap<StoreSnapshot, number>;
}

function make(input: CheckInput, addF: string): AckedHoldings {
  const writes = writesOf(input.history, addF);
  const order = ackOrder(input.history, addF);
  const placeOfWrite = new Int32Array(writes.length).fill(-1);
  // Usually no id is acknowledged twice: one pass setting each id's place, and the map
  // ends up with as many ids as acknowledgements.
  let ids: readonly string[] = ackedIdsOf(input.history, addF);
  let placeOf = new Map<string, number>();
  ids.forEach((id, k) => placeOf.set(id, k));
  if (placeOf.size === ids.length) order.forEach((i, k) => (placeOfWrite[i] = k));
  else {
    // Some were: each distinct id gets the place of its first acknowledgement.
    const distinct: string[] = [];
    placeOf = new Map();
    for (const i of order) {
      const id = writes[i].id;
      let k = placeOf.get(id);
      if (k === undefined) {
        k = distinct.length;
        placeOf.set(id, k);
        distinct.push(id);
      }
      placeOfWrite[i] = k;
    }
    ids = distinct;
  }
  const holds = new Map<StoreSnapshot, Uint8Array>();
  const held = new Map<StoreSnapshot, number>();
  for (const s of rowStores(input.finalStores)) {
    if (!s.available || holds.has(s)) continue;
    const marks = new Uint8Array(ids.length);
    let n = 0;
    for (const id of storeIds(s)) {
      const k = placeOf.get(id);
      if (k !== undefined) {
        marks[k] = 1;
        n++;
      }
    }
    holds.set(s, marks);
    held.set(s, n);
  }
  return { ids, placeOfWrite, holds, held };
}

export function ackedHoldings(input: CheckInput, addF: string): AckedHoldings {
  const byStores = sharedView(
    input.history,
    `acked-holdings:${addF}`,
    () => new WeakMap<readonly StoreSnapshot[], { length: number; value: AckedHoldings }>(),
  );
  const known = byStores.get(input.finalStores);
  if (known && known.length === input.finalStores.length) return known.value;
  const value = make(input, addF);
  byStores.set(input.finalStores, { length: input.finalStores.length, value });
  return value;
}

/** Whether any readable store holds the id at `place` (false for -1). */
export function heldAnywhere(h: AckedHoldings, place: number): boolean {
  if (place < 0) return false;
  for (const marks of h.holds.values()) if (marks[place] === 1) return true;
  return false;
}
