// The relay of the polling outbox: every POLL_MS it reads the unsent outbox rows in id order,
// publishes them to Kafka (acks=all), reaches the named point relay-after-publish-before-mark
// (where the lab kills it), then marks them sent. Killed there, it publishes the same rows
// again after its restart: at-least-once delivery, duplicates for the consumer to absorb.
import type { OrderCreated } from './event';
import { PerSecond } from './rate';

export const POINT_AFTER_PUBLISH = 'relay-after-publish-before-mark';

export interface OutboxRow {
  /** bigserial, as text (pg returns int8 as a string). */
  id: string;
  event: OrderCreated;
}

export interface RelayDeps {
  fetchUnsent(limit: number): Promise<OutboxRow[]>;
  publish(rows: OutboxRow[]): Promise<void>;
  reach(point: string, detail: unknown): Promise<void>;
  markSent(ids: string[]): Promise<void>;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  log(line: string): void;
  now?(): number;
}

export interface RelayStats {
  startedAt: number;
  pollMs: number;
  batchSize: number;
  polls: number;
  /** Queries the relay sent to the database (one per poll, one per mark). */
  queries: number;
  queriesPerSecond: number;
  published: number;
  marked: number;
  errors: number;
  lastError: string | null;
  queriesSeries: { at: number; n: number }[];
}

export class Relay {
  readonly startedAt: number;
  private readonly queries: PerSecond;
  private polls = 0;
  private published = 0;
  private marked = 0;
  private errors = 0;
  private lastError: string | null = null;

  constructor(
    private readonly d: RelayDeps,
    private readonly pollMs: number,
    private readonly batchSize: number,
  ) {
    const now = d.now ?? Date.now;
    this.startedAt = now();
    this.queries = new PerSecond(now);
  }

  /** One poll: read, publish, point, mark. Returns how many rows it moved. */
  async once(): Promise<number> {
    this.polls++;
    this.queries.add();
    const rows = await this.d.fetchUnsent(this.batchSize);
    if (!rows.length) return 0;
    await this.d.publish(rows);
    this.published += rows.length;
    const ids = rows.map((r) => r.id);
    await this.d.reach(POINT_AFTER_PUBLISH, { ids, orders: rows.map((r) => r.event.orderId) });
    this.queries.add();
    await this.d.markSent(ids);
    this.marked += rows.length;
    return rows.length;
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let moved = 0;
      try {
        moved = await this.once();
      } catch (e) {
        this.errors++;
        this.lastError = e instanceof Error ? e.message : String(e);
        this.d.log(`relay: ${this.lastError}`);
      }
      // A full batch means more may be waiting: poll again at once.
      if (moved < this.batchSize) await this.d.sleep(this.pollMs, signal);
    }
  }

  stats(): RelayStats {
    return {
      startedAt: this.startedAt,
      pollMs: this.pollMs,
      batchSize: this.batchSize,
      polls: this.polls,
      queries: this.queries.count,
      queriesPerSecond: Math.round(this.queries.ratePerSecond(this.startedAt) * 100) / 100,
      published: this.published,
      marked: this.marked,
      errors: this.errors,
      lastError: this.lastError,
      queriesSeries: this.queries.series(),
    };
  }
}
