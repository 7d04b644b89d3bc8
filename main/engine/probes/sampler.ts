// Samples every store on a fixed period; one sample in flight per store (a slow store does
// not pile up requests). With a ConsumerLagSpec it also reads the consumer groups' lag, at
// the same period but at most 4 times a second (a read is a few Kafka requests per group,
// ~1-2 ms of CPU), one read in flight.
import type { StoreSpec, Endpoint, ConsumerLagSpec } from '../scenario';
import type { StoreSnapshot } from '../events';
import { readStore } from './store-reader';
import { ConsumerLagProbe } from './kafka-lag-probe';

/** How a reading was taken: a store's ids over HTTP, or the lab's Kafka admin client. */
export type ProbeName = 'rows' | 'kafka-lag';

const LAG_KEY = '\0kafka-lag';
/** The consumer-lag probe reads at most this often (the outbox scenarios sample at 100 ms). */
export const MIN_LAG_INTERVAL_MS = 250;

export class StoreSampler {
  private timer?: NodeJS.Timeout;
  private inFlight = new Set<string>();
  private readonly lag?: ConsumerLagProbe;
  private readonly lagEveryMs: number;
  private lagAt = -Infinity;

  constructor(
    private readonly stores: StoreSpec[],
    private readonly endpoint: (c: string, p: number) => Endpoint,
    private readonly intervalMs: number,
    private readonly onSample: (s: StoreSnapshot, probe: ProbeName) => void,
    consumerLag?: ConsumerLagSpec,
  ) {
    this.lagEveryMs = Math.max(intervalMs, MIN_LAG_INTERVAL_MS);
    if (consumerLag?.groups.length) this.lag = new ConsumerLagProbe(consumerLag, endpoint, this.lagEveryMs);
  }

  start(): void {
    const tick = () => {
      for (const s of this.stores) {
        if (this.inFlight.has(s.name)) continue;
        this.inFlight.add(s.name);
        void readStore(s, this.endpoint, Math.max(200, this.intervalMs * 2))
          .then((snap) => {
            if (this.timer) this.onSample(snap, 'rows');
          })
          .finally(() => this.inFlight.delete(s.name));
      }
      const lag = this.lag;
      // A tick may fire a little early: a tenth of the period's slack.
      const now = performance.now();
      if (lag && !this.inFlight.has(LAG_KEY) && now - this.lagAt >= this.lagEveryMs * 0.9) {
        this.lagAt = now;
        this.inFlight.add(LAG_KEY);
        void lag
          .read()
          .then((snaps) => {
            if (this.timer) for (const s of snaps) this.onSample(s, 'kafka-lag');
          })
          .finally(() => this.inFlight.delete(LAG_KEY));
      }
    };
    this.timer = setInterval(tick, this.intervalMs);
    tick();
  }

  /** Stops sampling; the lag probe's client is closed in the background. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    void this.lag?.close();
  }
}
