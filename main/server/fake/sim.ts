// A tiny discrete-event clock for the FAKE lab: actions run in time order, so the same
// run can be played live (advanced by the wall clock) or instantly (advanced to the end).

export class Sim {
  now = 0;
  private queue: { at: number; n: number; fn: () => void }[] = [];
  private n = 0;

  at(t: number, fn: () => void): void {
    const item = { at: Math.max(t, this.now), n: this.n++, fn };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const q = this.queue[mid];
      if (q.at < item.at || (q.at === item.at && q.n < item.n)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, item);
  }

  after(ms: number, fn: () => void): void {
    this.at(this.now + ms, fn);
  }

  /** Runs every action due up to `to` (Infinity: until nothing is left). */
  advance(to: number): void {
    for (let guard = 0; this.queue.length > 0 && this.queue[0].at <= to; guard++) {
      if (guard > 5_000_000) throw new Error('fake sim: runaway schedule');
      const item = this.queue.shift()!;
      this.now = Math.max(this.now, item.at);
      item.fn();
    }
    if (Number.isFinite(to)) this.now = Math.max(this.now, to);
  }

  get idle(): boolean {
    return this.queue.length === 0;
  }

  clear(): void {
    this.queue = [];
  }
}

/** mulberry32: a small seeded PRNG, so a fake run is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
