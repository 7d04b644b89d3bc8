// The final audit: after the workload, the client waits until every saga is terminal (or
// the drift is gone), then reads every service's own store directly (not through the
// orchestrator or the gateway) and records what it read as the value of one `audit` op.
// The checkers judge that record; the docker tests compare it with SQL run in the database.
import type { History } from '../../main/engine/history';
import { pairWithPositions } from '../../main/engine/checks/history-views';

export interface SagaRow {
  id: string;
  product: string;
  qty: number;
  amount: number;
  state: string;
  next: number;
  failedStep: string | null;
  reason: string | null;
  resumed: number;
}

export interface SagaAudit {
  /** True when every saga in the log was terminal before the client stopped waiting. */
  settled: boolean;
  /** How long the client waited for that, from the audit's invocation. */
  waitedMs: number;
  sagas: SagaRow[];
  log: { sagaId: string; step: string; phase: string; outcome: string }[];
  orders: { id: string; product: string; qty: number; amount: number; state: string }[];
  orderEvents: { orderId: string; event: string }[];
  products: { id: string; initial: number; available: number; reserved: number; sold: number }[];
  reservations: { sagaId: string; product: string; qty: number; state: string }[];
  charges: { sagaId: string; amount: number; state: string }[];
  declines: { sagaId: string; reason: string }[];
  shipments: { sagaId: string; state: string }[];
  applied: { service: string; sagaId: string; step: string; outcome: string; times: number }[];
}

export interface CopyRow {
  id: string;
  user: string | null;
  product: string;
  qty: number;
  amount: number;
}

export interface ReconAudit {
  settled: boolean;
  waitedMs: number;
  source: (CopyRow & { copyStatus: string | null })[];
  copy: (CopyRow & { writtenBy: string })[];
  repairs: { id: string; kind: string; pass: number; row: CopyRow }[];
  passes: {
    pass: number;
    missing: number;
    mismatched: number;
    extra: number;
    repaired: number;
    failed: number;
  }[];
}

export interface Found<T> {
  audit: T;
  invokedAt: number;
  completedAt: number;
}

/** The last audit op (function `f`) that completed ok, or why there is none. Pure. */
export function findAudit<T>(history: History, f = 'audit'): Found<T> | { audit: null; why: string } {
  const pairs = pairWithPositions(history).filter((p) => p.invoke.f === f);
  if (!pairs.length) return { audit: null, why: 'no audit was run' };
  const ok = pairs.filter((p) => p.complete?.type === 'ok' && typeof p.complete.value === 'object');
  const last = ok[ok.length - 1];
  if (!last) {
    const err = pairs[pairs.length - 1].complete?.error ?? 'it never completed';
    return { audit: null, why: `the audit failed: ${err}` };
  }
  return { audit: last.complete!.value as T, invokedAt: last.invoke.time, completedAt: last.complete!.time };
}

/** Throws (the check becomes 'unknown') when there is no audit to judge. */
export function requireAudit<T>(history: History, f = 'audit'): Found<T> {
  const a = findAudit<T>(history, f);
  if (a.audit === null) throw new Error((a as { why: string }).why);
  return a as Found<T>;
}
