// Counts things per wall-clock second (queries, publishes) and keeps the last `keep` seconds,
// so /stats can say how many queries the relay made and how fast. Pure; the clock is passed in.

export interface SecondCount {
  /** Start of the second, ms since the epoch. */
  at: number;
  n: number;
}

export class PerSecond {
  private buckets: SecondCount[] = [];
  private total = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly keep = 600,
  ) {}

  add(n = 1): void {
    const at = Math.floor(this.now() / 1000) * 1000;
    const last = this.buckets[this.buckets.length - 1];
    if (last && last.at === at) last.n += n;
    else {
      this.buckets.push({ at, n });
      if (this.buckets.length > this.keep) this.buckets.shift();
    }
    this.total += n;
  }

  get count(): number {
    return this.total;
  }

  /** Per-second counts from the first counted second to now, zeros filled in. */
  series(): SecondCount[] {
    if (!this.buckets.length) return [];
    const out: SecondCount[] = [];
    const end = Math.floor(this.now() / 1000) * 1000;
    let i = 0;
    for (let at = this.buckets[0].at; at <= end; at += 1000) {
      if (i < this.buckets.length && this.buckets[i].at === at) out.push({ ...this.buckets[i++] });
      else out.push({ at, n: 0 });
    }
    return out;
  }

  /** Average per second over [since, now]. */
  ratePerSecond(since: number): number {
    const secs = Math.max(0.001, (this.now() - since) / 1000);
    return this.total / secs;
  }
}
