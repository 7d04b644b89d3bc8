// The three roles as Backends: what POST /orders does, what the reads show, and how a
// consumed event is applied.
import type { ServiceConfig } from './config';
import { orderCreated, type EventPosition, type NewOrder, type OrderCreated } from './events';
import type { Backend, CreateResult } from './http';
import type { SyncStore } from './sqlite-store';
import type { OrderDb } from './pg-store';

export interface EventSink {
  publish(ev: OrderCreated): Promise<EventPosition>;
}

export interface RoleState {
  ready: boolean;
  /** The topic's partitions as described when the service started. */
  partitions: unknown;
}

function info(cfg: ServiceConfig, state: RoleState): unknown {
  return {
    role: cfg.role,
    topic: cfg.topic,
    groupId: cfg.role === 'front' ? null : cfg.groupId,
    acks: cfg.acks === 1 ? '1' : 'all',
    partitionKey: cfg.partitionKey,
    idempotent: cfg.idempotent,
    consumerBatchMs: cfg.consumerBatchMs,
    partitions: state.partitions,
  };
}

async function publishOrFail(
  sink: EventSink,
  ev: OrderCreated,
  storedLocally: boolean,
): Promise<CreateResult> {
  try {
    const at = await sink.publish(ev);
    return { kind: 'created', partition: at.partition, offset: at.offset };
  } catch (e) {
    return { kind: 'unacknowledged', error: e instanceof Error ? e.message : String(e), storedLocally };
  }
}

/** broker-sync: store locally, then publish; apply every event (its own included). */
export function syncBackend(
  cfg: ServiceConfig,
  store: SyncStore,
  sink: EventSink,
  state: RoleState,
  now: () => Date = () => new Date(),
): Backend & { applyEvent(ev: OrderCreated, at: EventPosition): Promise<void> } {
  return {
    ready: () => state.ready,
    info: () => info(cfg, state),
    async create(o: NewOrder) {
      const ev = orderCreated(o, cfg.node, now());
      if ((await store.insertLocal({ ...o, origin: cfg.node })) === 'duplicate') return { kind: 'duplicate' };
      return publishOrFail(sink, ev, true);
    },
    list: () => store.orders(),
    get: (id) => store.get(id),
    log: () => store.effects(),
    async applyEvent(ev, at) {
      await store.apply(ev, at, cfg.idempotent);
    },
  };
}

/** queue-single-writer front: publish only; reads come from the single database. */
export function frontBackend(
  cfg: ServiceConfig,
  db: OrderDb,
  sink: EventSink,
  state: RoleState,
  now: () => Date = () => new Date(),
): Backend {
  return {
    ready: () => state.ready,
    info: () => info(cfg, state),
    create: (o) => publishOrFail(sink, orderCreated(o, cfg.node, now()), false),
    list: () => db.orders(),
    get: (id) => db.get(id),
  };
}

/** queue-single-writer writer: the one consumer that writes into the database. */
export function writerBackend(
  cfg: ServiceConfig,
  db: OrderDb,
  state: RoleState,
): Backend & { applyEvent(ev: OrderCreated, at: EventPosition): Promise<void> } {
  return {
    ready: () => state.ready,
    info: () => info(cfg, state),
    list: () => db.orders(),
    get: (id) => db.get(id),
    async applyEvent(ev, at) {
      await db.apply(ev, at);
    },
  };
}
