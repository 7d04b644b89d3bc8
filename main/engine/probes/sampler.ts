// Samples every store on a fixed period; one sample in flight per store (a slow store does
// not pile up requests).
import type { StoreSpec, Endpoint } from '../scenario';
import type { StoreSnapshot } from '../events';
import { readStore } from './store-reader';

export class StoreSampler {
  private timer?: NodeJS.Timeout;
  private inFlight = new Set<string>();

  constructor(
    private readonly stores: StoreSpec[],
    private readonly endpoint: (c: string, p: number) => Endpoint,
    private readonly intervalMs: number,
    private readonly onSample: (s: StoreSnapshot) => void,
  ) {}

  start(): void {
    const tick = () => {
      for (const s of this.stores) {
        if (this.inFlight.has(s.name)) continue;
        this.inFlight.add(s.name);
        void readStore(s, this.endpoint, Math.max(200, this.intervalMs * 2))
          .then((snap) => {
            if (this.timer) this.onSample(snap);
          })
          .finally(() => this.inFlight.delete(s.name));
      }
    };
    this.timer = setInterval(tick, this.intervalMs);
    tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
