// Seed 000 says a message queue "guarantees order". Checked here as a user would hold it:
// in every store, each user's orders must be applied in the order they were acknowledged
// to that user. A store's log lists its applied events in the order applied.
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { CheckResult, Validity } from '../../main/engine/checks/verdict';
import { firstExamples } from '../../main/engine/checks/compose';
import { writesOf } from '../../main/engine/checks/history-views';
import { logStores } from './stores';
import { ackedPositions } from './acks';

export interface OrderViolation {
  store: string;
  user: string;
  /** Applied late: after `appliedAfter`, which its user placed (and was acknowledged) later. */
  id: string;
  appliedAfter: string;
  partition?: number;
  appliedAfterPartition?: number;
}

interface Acked {
  user: string;
  rank: number;
  partition?: number;
}

/** Each acknowledged add: its user (the lane) and its rank among that user's acknowledgements. */
export function ackRanks(input: CheckInput, addF = 'add'): Map<string, Acked> {
  const byUser = new Map<string, { id: string; at: number }[]>();
  for (const w of writesOf(input.history, addF)) {
    if (w.outcome !== 'ok') continue;
    const list = byUser.get(w.process) ?? [];
    list.push({ id: w.id, at: w.completePos ?? w.invokePos });
    byUser.set(w.process, list);
  }
  const positions = ackedPositions(input.history, addF);
  const out = new Map<string, Acked>();
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.at - b.at);
    list.forEach((w, rank) => out.set(w.id, { user, rank, partition: positions.get(w.id)?.partition }));
  }
  return out;
}

/** Events of a user applied after one of that user's later-acknowledged events. Pure. */
export function orderViolations(
  storeName: string,
  appliedIds: readonly string[],
  acked: Map<string, Acked>,
): OrderViolation[] {
  const out: OrderViolation[] = [];
  const seen = new Set<string>();
  const latest = new Map<string, { id: string; rank: number; partition?: number }>();
  for (const id of appliedIds) {
    if (seen.has(id)) continue; // a redelivery: its first application is what counts
    seen.add(id);
    const a = acked.get(id);
    if (!a) continue; // not acknowledged: no order was promised
    const max = latest.get(a.user);
    if (max && a.rank < max.rank) {
      out.push({
        store: storeName,
        user: a.user,
        id,
        appliedAfter: max.id,
        partition: a.partition,
        appliedAfterPartition: max.partition,
      });
    } else latest.set(a.user, { id, rank: a.rank, partition: a.partition });
  }
  return out;
}

export function perUserOrder(addF = 'add'): Checker {
  return {
    name: 'per-user-order',
    check(input: CheckInput): CheckResult {
      const acked = ackRanks(input, addF);
      const logs = logStores(input.finalStores);
      const readable = logs.filter((s) => s.available);
      const perStore: Record<string, number> = {};
      const all: OrderViolation[] = [];
      for (const s of readable) {
        const v = orderViolations(s.name, s.ids, acked);
        perStore[s.name] = v.length;
        all.push(...v);
      }
      const samePartition = all.filter(
        (v) => v.partition !== undefined && v.partition === v.appliedAfterPartition,
      ).length;
      const users = new Set([...acked.values()].map((a) => a.user)).size;
      let valid: Validity = all.length > 0 ? false : true;
      if (readable.length === 0) valid = 'unknown';
      const summary =
        readable.length === 0
          ? 'no store log could be read: order not checked'
          : all.length === 0
            ? `each of ${users} users' ${acked.size} acknowledged orders applied in acknowledged order in all ${readable.length} stores`
            : `${all.length} events applied out of their user's acknowledged order (${Object.entries(perStore)
                .map(([k, n]) => `${k}: ${n}`)
                .join(
                  ', ',
                )}); ${all.length - samePartition} of them came from another partition than the event they overtook`;
      return {
        name: 'per-user-order',
        valid,
        summary,
        anomalies: { 'order-violation': all.length },
        examples: all.length ? { 'order-violation': firstExamples(all) } : {},
        stats: {
          perStore,
          samePartition,
          crossPartition: all.length - samePartition,
          ackedChecked: acked.size,
          users,
        },
      };
    },
  };
}
