// Compares the source of truth (the order service's orders) with a copy (shipping's), row by
// row. Rows younger than the grace period are left out of missing/mismatched: their copy
// write may still be on its way, and "repairing" it would race the writer. Pure.

export interface Row {
  id: string;
  user: string | null;
  product: string;
  qty: number;
  amount: number;
}

export interface SourceRow extends Row {
  /** How long ago the source committed the row (the source database's clock). */
  ageMs: number;
}

export interface Diff {
  /** In the source (old enough), not in the copy. */
  missing: Row[];
  /** In both, with other values: the source's row. */
  mismatched: { source: Row; copy: Row }[];
  /** In the copy, not in the source at all: never repaired (the source is the truth). */
  extra: Row[];
  /** Source rows left out as too young. */
  young: number;
}

export function sameRow(a: Row, b: Row): boolean {
  return (
    a.id === b.id &&
    (a.user ?? null) === (b.user ?? null) &&
    a.product === b.product &&
    a.qty === b.qty &&
    a.amount === b.amount
  );
}

export function strip(r: Row): Row {
  return { id: r.id, user: r.user ?? null, product: r.product, qty: r.qty, amount: r.amount };
}

export function diffRows(source: readonly SourceRow[], copy: readonly Row[], graceMs: number): Diff {
  const copies = new Map(copy.map((r) => [r.id, r]));
  const ids = new Set(source.map((r) => r.id));
  const missing: Row[] = [];
  const mismatched: { source: Row; copy: Row }[] = [];
  let young = 0;
  for (const s of source) {
    if (s.ageMs < graceMs) {
      young++;
      continue;
    }
    const c = copies.get(s.id);
    if (!c) missing.push(strip(s));
    else if (!sameRow(s, c)) mismatched.push({ source: strip(s), copy: strip(c) });
  }
  const extra = copy.filter((c) => !ids.has(c.id)).map(strip);
  return { missing, mismatched, extra, young };
}

/** Ids that differ between the stores now (no grace): what the drift probe shows. */
export function driftIds(d: Diff): string[] {
  return [
    ...d.missing.map((r) => r.id),
    ...d.mismatched.map((m) => m.source.id),
    ...d.extra.map((r) => r.id),
  ].sort();
}
