// The workload's clock: schedule time advances at `rate` x real time and stands still while
// paused, so the UI can slow, speed up or pause the workload without changing the schedule.

export interface TimeSource {
  now(): number;
}

export const realTime: TimeSource = { now: () => performance.now() };

export class WorkloadClock {
  private base = 0; // schedule time at the last change
  private since: number; // real time of the last change
  private _rate = 1;
  private _paused = false;
  private waiters = new Set<() => void>();

  constructor(private readonly time: TimeSource = realTime) {
    this.since = time.now();
  }

  /** Starts schedule time at 0 now (keeping rate and pause). */
  start(): void {
    this.base = 0;
    this.since = this.time.now();
    for (const w of this.waiters) w();
  }

  /** Schedule time (ms) now. */
  now(): number {
    if (this._paused) return this.base;
    return this.base + (this.time.now() - this.since) * this._rate;
  }

  get rate(): number {
    return this._rate;
  }

  get paused(): boolean {
    return this._paused;
  }

  set(opts: { rate?: number; paused?: boolean }): void {
    this.base = this.now();
    this.since = this.time.now();
    if (opts.rate !== undefined) this._rate = Math.min(20, Math.max(0.05, opts.rate));
    if (opts.paused !== undefined) this._paused = opts.paused;
    for (const w of this.waiters) w();
  }

  /** Real milliseconds until schedule time `at` (Infinity while paused). */
  realDelayUntil(at: number): number {
    if (this._paused) return Infinity;
    return Math.max(0, (at - this.now()) / this._rate);
  }

  /** Resolves when schedule time reaches `at` (or on abort). */
  async until(at: number, signal?: AbortSignal): Promise<void> {
    while (!signal?.aborted) {
      const d = this.realDelayUntil(at);
      if (d <= 0) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        const timer = Number.isFinite(d) ? setTimeout(wake, d) : undefined;
        this.waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }
}
