// Samples every store on a fixed period; one sample in flight per store (a slow store does
// not pile up requests). With a ConsumerLagSpec it also reads the consumer groups' lag, at
// the same period, one read in flight.
import type { StoreSpec, Endpoint, ConsumerLagSpec } from '../scenario';
import type { StoreSnapshot } from '../events';
import { readStore } from './store-reader';
import { ConsumerLagProbe } from './kafka-lag-probe';

/** How a reading was taken: a store's ids over HTTP, or the lab's Kafka admin client. */
export type ProbeName = 'rows' | 'kafka-lag';

const LAG_KEY = '\0kafka-lag';

export class StoreSampler {
  private timer?: NodeJS.Timeout;
  private inFlight = new Set<string>();
  private readonly lag?: ConsumerLagProbe;

  constructor(
    private readonly stores: StoreSpec[],
    private readonly endpoint: (c: string, p: number) => Endpoint,
    private readonly intervalMs: number,
    private readonly onSample: (s: StoreSnapshot, probe: ProbeName) => void,
    consumerLag?: ConsumerLagSpec,
  ) {
    if (consumerLag?.groups.length) this.lag = new ConsumerLagProbe(consumerLag, endpoint, intervalMs);
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
      if (lag && !this.inFlight.has(LAG_KEY)) {
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
