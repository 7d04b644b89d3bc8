// At-least-once processing of one message: try, and after a failure wait (exponential
// backoff) and try again, up to maxAttempts tries; then give up: the caller sends the
// message to the dead letter queue. Pure apart from the injected sleep.

export interface RetryPolicy {
  maxAttempts: number;
  /** Wait before the 2nd try; doubled before each further try, at most maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
}

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number; errors: string[]; waitedMs: number }
  | { ok: false; attempts: number; errors: string[]; waitedMs: number };

/** The wait before try `attempt` (2, 3, ...). */
export function backoffBefore(attempt: number, p: RetryPolicy): number {
  if (attempt <= 1) return 0;
  return Math.min(p.maxBackoffMs, p.backoffMs * 2 ** (attempt - 2));
}

export async function withRetries<T>(
  p: RetryPolicy,
  attemptFn: (attempt: number) => Promise<T>,
  sleep: (ms: number) => Promise<void>,
  onFailure?: (attempt: number, error: string) => void,
): Promise<RetryOutcome<T>> {
  const errors: string[] = [];
  let waitedMs = 0;
  for (let attempt = 1; attempt <= p.maxAttempts; attempt++) {
    const wait = backoffBefore(attempt, p);
    if (wait > 0) {
      await sleep(wait);
      waitedMs += wait;
    }
    try {
      const value = await attemptFn(attempt);
      return { ok: true, value, attempts: attempt, errors, waitedMs };
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      errors.push(msg);
      onFailure?.(attempt, msg);
    }
  }
  return { ok: false, attempts: p.maxAttempts, errors, waitedMs };
}
