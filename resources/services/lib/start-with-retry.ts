// A role's start-up, tried again while it fails: a dependency that was just started (Kafka
// still electing its controller or a group coordinator, a database still being created) fails
// the first attempts of a service started beside it. Each failure is logged; after `forMs` the
// last error is thrown (the service then exits, and the lab quotes its log).

export interface RetryDeps {
  log(line: string): void;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** The pause after attempt n: 100 ms x n, at most 500 ms. */
export const retryDelayMs = (attempt: number): number => Math.min(100 * attempt, 500);

export async function startWithRetry<T>(
  what: string,
  start: () => Promise<T>,
  forMs: number,
  deps: RetryDeps,
): Promise<T> {
  const until = deps.now() + forMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (deps.now() + retryDelayMs(attempt) > until) throw e;
      deps.log(`${what} failed to start (attempt ${attempt}): ${msg}; again in ${retryDelayMs(attempt)} ms`);
      await deps.sleep(retryDelayMs(attempt));
    }
  }
}
