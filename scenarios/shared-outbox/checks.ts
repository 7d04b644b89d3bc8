// The outbox scenarios' own checkers, over the final stores and the history. Pure.
//   lost-events       orders committed in the writer's table that the consumer never applied
//                     (and, the other way, effects for orders that do not exist: phantoms)
//   duplicate-effects effects the consumer applied more than once for one event
//   delivery-latency  informational: from placing an order to the consumer applying it, as
//                     the lab's probe saw it (resolution: the probe interval)
//   relay-polling     informational: the relay's queries per second and commit-to-publish
//                     latency, read when the run settled
import type { Checker, CheckInput } from '../../main/engine/scenario';
import type { StoreSnapshot } from '../../main/engine/events';
import type { CheckResult } from '../../main/engine/checks/verdict';
import { writesOf } from '../../main/engine/checks/history-views';
import { ANOMALY, STORE } from './names';

const MAX_EXAMPLES = 5;

function store(input: CheckInput, name: string): StoreSnapshot | undefined {
  return input.finalStores.find((s) => s.name === name);
}

function unknown(name: string, summary: string, anomalies: Record<string, number>): CheckResult {
  return { name, valid: 'unknown', summary, anomalies, examples: {} };
}

export function lostEvents(): Checker {
  return {
    name: 'lost-events',
    check(input: CheckInput): CheckResult {
      const orders = store(input, STORE.orders);
      const effects = store(input, STORE.effects);
      const zero = { [ANOMALY.lostEvent]: 0, [ANOMALY.phantomEvent]: 0 };
      if (!orders?.available || !effects?.available) {
        const which = [STORE.orders, STORE.effects].filter((n) => !store(input, n)?.available);
        return unknown('lost-events', `${which.join(' and ')} could not be read at the end`, zero);
      }
      const committed = [...new Set(orders.ids)];
      const applied = new Set(effects.ids);
      const committedSet = new Set(committed);
      const lost = committed.filter((id) => !applied.has(id));
      const phantom = [...applied].filter((id) => !committedSet.has(id));
      const outcome = new Map(writesOf(input.history, 'add').map((w) => [w.id, w.outcome]));
      const sent = store(input, STORE.outboxSent);
      const sentSet = sent?.available ? new Set(sent.ids) : null;
      const backlog = sentSet ? committed.filter((id) => !sentSet.has(id)).length : null;
      let summary =
        lost.length === 0
          ? `every one of the ${committed.length} committed orders was applied by the consumer`
          : `${lost.length} of ${committed.length} committed orders never reached the consumer`;
      if (phantom.length) summary += `; ${phantom.length} effects for orders the writer does not hold`;
      if (backlog !== null) summary += `; ${backlog} outbox rows still unsent`;
      return {
        name: 'lost-events',
        valid: lost.length || phantom.length ? false : true,
        summary,
        anomalies: { [ANOMALY.lostEvent]: lost.length, [ANOMALY.phantomEvent]: phantom.length },
        examples: {
          ...(lost.length
            ? {
                [ANOMALY.lostEvent]: lost.slice(0, MAX_EXAMPLES).map((id) => ({
                  id,
                  clientSaw: outcome.get(id) ?? 'not placed by the client',
                  ...(sentSet ? { outboxSent: sentSet.has(id) } : {}),
                })),
              }
            : {}),
          ...(phantom.length
            ? { [ANOMALY.phantomEvent]: phantom.slice(0, MAX_EXAMPLES).map((id) => ({ id })) }
            : {}),
        },
        stats: {
          committed: committed.length,
          appliedDistinct: applied.size,
          lost: lost.length,
          phantom: phantom.length,
          backlog,
        },
      };
    },
  };
}

export function duplicateEffects(): Checker {
  return {
    name: 'duplicate-effects',
    check(input: CheckInput): CheckResult {
      const effects = store(input, STORE.effects);
      if (!effects?.available)
        return unknown('duplicate-effects', `${STORE.effects} could not be read at the end`, {
          [ANOMALY.duplicateEffect]: 0,
        });
      const copies = new Map<string, number>();
      for (const id of effects.ids) copies.set(id, (copies.get(id) ?? 0) + 1);
      const twice = [...copies].filter(([, n]) => n > 1);
      const extra = twice.reduce((s, [, n]) => s + n - 1, 0);
      return {
        name: 'duplicate-effects',
        valid: extra > 0 ? false : true,
        summary:
          extra === 0
            ? `each of the ${copies.size} events was applied once (${effects.ids.length} effects)`
            : `${extra} extra effects: ${twice.length} events applied more than once (${effects.ids.length} effects for ${copies.size} events)`,
        anomalies: { [ANOMALY.duplicateEffect]: extra },
        examples: twice.length
          ? { [ANOMALY.duplicateEffect]: twice.slice(0, MAX_EXAMPLES).map(([id, n]) => ({ id, applied: n })) }
          : {},
        stats: { effects: effects.ids.length, events: copies.size, extra },
      };
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** For each order placed, from its request to the first probe sample showing it applied. */
export function deliveryLatencies(input: CheckInput): { id: string; ms: number }[] {
  const firstSeen = new Map<string, number>();
  for (const e of input.events) {
    if (e.type !== 'sample' || e.store !== STORE.effects || !e.ids) continue;
    for (const id of e.ids) if (!firstSeen.has(id)) firstSeen.set(id, e.t);
  }
  const out: { id: string; ms: number }[] = [];
  for (const w of writesOf(input.history, 'add')) {
    const seen = firstSeen.get(w.id);
    if (seen !== undefined && seen >= w.invokedAt) out.push({ id: w.id, ms: seen - w.invokedAt });
  }
  return out;
}

export function deliveryLatency(probeIntervalMs: number): Checker {
  return {
    name: 'delivery-latency',
    check(input: CheckInput): CheckResult {
      const lat = deliveryLatencies(input);
      const sorted = lat.map((x) => x.ms).sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p95 = percentile(sorted, 95);
      const max = sorted.length ? sorted[sorted.length - 1] : null;
      return {
        name: 'delivery-latency',
        valid: true,
        summary: sorted.length
          ? `order placed to applied by the consumer: p50 ${p50} ms, p95 ${p95} ms, max ${max} ms over ${sorted.length} orders (probe every ${probeIntervalMs} ms)`
          : 'no order was seen applied by the consumer',
        anomalies: {},
        examples: {},
        stats: { n: sorted.length, p50, p95, max, probeIntervalMs },
      };
    },
  };
}

interface RelayNumbers {
  pollMs?: number;
  queriesPerSecond?: number;
  queries?: number;
  published?: number;
  marked?: number;
  latencyMs?: { n: number; p50: number | null; p95: number | null; max: number | null };
}

interface SettledValue {
  relay?: RelayNumbers | null;
  consumer?: {
    messagesOnTopic?: number;
    deliveries?: number;
    effects?: number;
    distinctEvents?: number;
  } | null;
}

/** The value of the last settle op that completed (ok or info). */
export function settledValue(input: CheckInput): SettledValue | null {
  for (let i = input.history.length - 1; i >= 0; i--) {
    const op = input.history[i];
    if (op.f === 'settle' && op.type !== 'invoke') return (op.value ?? null) as SettledValue | null;
  }
  return null;
}

export function relayPolling(): Checker {
  return {
    name: 'relay-polling',
    check(input: CheckInput): CheckResult {
      const v = settledValue(input);
      const r = v?.relay;
      const topic = v?.consumer?.messagesOnTopic;
      if (!r) {
        return {
          name: 'relay-polling',
          valid: true,
          summary: 'the relay’s numbers were not read (the run did not settle, or the relay did not answer)',
          anomalies: {},
          examples: {},
        };
      }
      const l = r.latencyMs;
      const parts = [
        `polling every ${r.pollMs} ms: ${r.queriesPerSecond} queries/s since its last start`,
        l && l.n
          ? `commit to publish p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms over ${l.n} rows`
          : '',
        typeof topic === 'number' ? `${topic} messages on the topic` : '',
      ].filter(Boolean);
      return {
        name: 'relay-polling',
        valid: true,
        summary: parts.join('; '),
        anomalies: {},
        examples: {},
        stats: { ...r, messagesOnTopic: topic ?? null },
      };
    },
  };
}
