import { describe, it, expect } from 'vitest';
import { startWithRetry, retryDelayMs } from './start-with-retry';

function clock() {
  let t = 0;
  const lines: string[] = [];
  return {
    lines,
    deps: {
      log: (l: string) => void lines.push(l),
      sleep: async (ms: number) => void (t += ms),
      now: () => t,
    },
  };
}

describe('startWithRetry', () => {
  it('tries again after 100 ms x attempt (at most 500 ms) until the start succeeds', async () => {
    const c = clock();
    let n = 0;
    const r = await startWithRetry(
      'consumer',
      async () => {
        if (++n < 4) throw new Error('The group coordinator is not available');
        return 'started';
      },
      60_000,
      c.deps,
    );
    expect(r).toBe('started');
    expect(n).toBe(4);
    expect(c.lines).toEqual([
      'consumer failed to start (attempt 1): The group coordinator is not available; again in 100 ms',
      'consumer failed to start (attempt 2): The group coordinator is not available; again in 200 ms',
      'consumer failed to start (attempt 3): The group coordinator is not available; again in 300 ms',
    ]);
    expect([1, 5, 9].map(retryDelayMs)).toEqual([100, 500, 500]);
  });

  it('gives up with the last error once the time is spent', async () => {
    const c = clock();
    let n = 0;
    await expect(
      startWithRetry(
        'consumer',
        async () => {
          throw new Error(`refused ${++n}`);
        },
        2000,
        c.deps,
      ),
    ).rejects.toThrow(/^refused 7$/);
    // 100+200+300+400+500+500 = 2000 ms slept before the 7th attempt; one more pause would pass 2000.
    expect(c.deps.now()).toBe(2000);
    expect(c.lines).toHaveLength(6);
  });
});
