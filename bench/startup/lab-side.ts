// The lab: from Lab.startRun ("run") to the 'running' phase, which the runner enters once
// every container's wait strategy is met. The run is then stopped (teardown not timed).
import type { Lab } from '../../main/engine/lab';
import type { RunEvent } from '../../main/engine/events';
import type { Params } from '../../main/engine/scenario';

export interface LabTiming {
  totalMs: number;
  /** Time spent in each phase before 'running' (images, starting). */
  phases: Record<string, number>;
  readyMs: Record<string, number>;
  /** True when an image had to be built during the run (then the pair is not warm). */
  built: boolean;
}

export async function labStartup(
  lab: Lab,
  scenario: string,
  params: Params,
  timeoutMs: number,
): Promise<LabTiming> {
  const phases: Record<string, number> = {};
  const readyMs: Record<string, number> = {};
  let built = false;
  let last = { name: 'setup', at: 0 };
  let resolveReady!: (ms: number) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<number>((res, rej) => ((resolveReady = res), (rejectReady = rej)));
  const t0 = performance.now();
  const onEvent = (e: RunEvent) => {
    const now = performance.now() - t0;
    if (e.type === 'phase') {
      phases[last.name] = Math.round(now - last.at);
      last = { name: e.phase, at: now };
      if (e.phase === 'running') resolveReady(now);
      if (e.phase === 'teardown') rejectReady(new Error('the run ended before it was running'));
    } else if (e.type === 'log') {
      const m = /^(\S+) ready in \d+ ms$/.exec(e.message);
      if (m) readyMs[m[1]] = Math.round(now);
      if (e.level === 'error') rejectReady(new Error(e.message));
    }
  };
  const unsubscribe = lab.subscribe('images:progress', (p) => {
    if (p.state === 'building' || p.state === 'preparing') built = true;
  });
  const run = lab.startRun(scenario, params, { onEvent });
  const timer = setTimeout(() => run.stop('bench: startup took too long'), timeoutMs);
  try {
    const totalMs = await ready;
    return { totalMs, phases, readyMs, built };
  } finally {
    clearTimeout(timer);
    unsubscribe();
    run.stop('bench: measured');
    await run.done;
  }
}
