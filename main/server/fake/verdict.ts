// The FAKE lab's checks for its split-stores-like run: lost writes, split data and
// read-your-writes, computed from the recorded events. Pure.
import type { RunEvent, StoreSnapshot } from '../../engine/events';
import type { CheckResult, Validity, Verdict } from '../../engine/checks/verdict';
import type { Op } from '../../engine/history';

export function fakeVerdict(events: readonly RunEvent[], finalStores: StoreSnapshot[]): Verdict {
  const ops = events.flatMap((e) => (e.type === 'op' ? [e.op] : []));
  const acked = ops.filter((o) => o.f === 'add' && o.type === 'ok').flatMap((o) => idOf(o.value) ?? []);
  const sets = finalStores.map((s) => new Set(s.ids));

  const lost = acked.filter((id) => !sets.some((s) => s.has(id)));
  const split = acked.filter((id) => sets.some((s) => !s.has(id)));
  const ryw = readYourWrites(ops);

  const checks: CheckResult[] = [
    result(
      'lost-writes',
      'lost',
      lost,
      `${lost.length} of ${acked.length} acknowledged orders are in no store at the end`,
    ),
    result(
      'split-data',
      'split-data',
      split,
      `${split.length} acknowledged orders are missing from at least one store (${finalStores.map((s) => `${s.name}: ${s.rows}`).join(', ')})`,
    ),
    result(
      'read-your-writes',
      'read-your-writes',
      ryw,
      `${ryw.length} list reads missed an order the same client had placed`,
    ),
  ];
  const anomalies: Record<string, number> = {};
  const examples: Record<string, unknown[]> = {};
  for (const c of checks) {
    Object.assign(anomalies, c.anomalies);
    for (const [k, v] of Object.entries(c.examples)) if (v.length) examples[k] = v;
  }
  const valid: Validity = checks.some((c) => c.valid === false)
    ? false
    : acked.length === 0
      ? 'unknown'
      : true;
  return { valid, anomalies, examples, checks };
}

function result(name: string, kind: string, found: unknown[], summary: string): CheckResult {
  return {
    name,
    valid: found.length > 0 ? false : true,
    summary,
    anomalies: { [kind]: found.length },
    examples: { [kind]: found.slice(0, 5) },
  };
}

interface RywExample {
  process: string;
  readAt: number;
  node?: string;
  missing: string[];
}

function readYourWrites(ops: readonly Op[]): RywExample[] {
  const mine = new Map<string, { id: string; at: number }[]>();
  const out: RywExample[] = [];
  const invokedAt = new Map<string, number>();
  for (const op of ops) {
    if (op.type === 'invoke') {
      invokedAt.set(op.process, op.time);
      continue;
    }
    if (op.f === 'add' && op.type === 'ok') {
      const list = mine.get(op.process) ?? [];
      const id = idOf(op.value);
      if (id !== undefined) list.push({ id, at: op.time });
      mine.set(op.process, list);
    }
    const ids = op.f === 'list' && op.type === 'ok' ? idsOf(op.value) : undefined;
    if (ids) {
      const seen = new Set(ids);
      const start = invokedAt.get(op.process) ?? op.time;
      const missing = (mine.get(op.process) ?? [])
        .filter((w) => w.at < start && !seen.has(w.id))
        .map((w) => w.id);
      if (missing.length)
        out.push({ process: op.process, readAt: op.time, node: op.node, missing: missing.slice(0, 5) });
    }
  }
  return out;
}

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string')
    return (v as { id: string }).id;
  return undefined;
}

function idsOf(v: unknown): string[] | undefined {
  const ids = typeof v === 'object' && v !== null ? (v as { ids?: unknown }).ids : undefined;
  return Array.isArray(ids) ? ids.map(String) : undefined;
}
