// Runs beside the frame windows: a Chromium performance trace (CDP Tracing) of one page's
// renderer main thread, read as thread (CPU) time per task. Frame gaps on a shared 2-core
// machine measure the neighbours as much as the page; the CPU a task takes does not depend
// on how long it waited for a core. A task that needs more than one 60 Hz frame of CPU (16.7
// ms) misses a frame on an idle machine too.
import type { Page } from 'playwright-core';

export interface MainThreadCost {
  windowMs: number;
  /** Main-thread CPU over the window, ms. */
  cpuMs: number;
  /** CPU of every task that took more than 4 ms (redraws, big event batches), ms. */
  bigTasksMs: number[];
  /** Tasks that took more than one 60 Hz frame of CPU. */
  overFrame: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frame?: string }; beginData?: { frame?: string } };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'].join(',');

export async function traceMainThread(page: Page, windowMs: number): Promise<MainThreadCost> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const frameId = frameTree.frame.id;
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
    await page.waitForTimeout(windowMs);
    await cdp.send('Tracing.end');
    await complete;
    return costOf(events, frameId);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The main thread of the renderer that lays out this page's frame, and its top-level tasks. */
export function costOf(events: readonly TraceEvent[], frameId: string): MainThreadCost {
  const mine =
    events.find((e) => e.name === 'Layout' && e.args?.beginData?.frame === frameId) ??
    events.find((e) => e.name === 'FunctionCall' && e.args?.data?.frame === frameId);
  const empty = { windowMs: 0, cpuMs: 0, bigTasksMs: [], overFrame: 0 };
  if (!mine) return empty;
  const tasks = events.filter(
    (e) => e.pid === mine.pid && e.tid === mine.tid && e.ph === 'X' && e.name === 'RunTask',
  );
  if (!tasks.length) return empty;
  const start = Math.min(...tasks.map((t) => t.ts));
  const end = Math.max(...tasks.map((t) => t.ts + (t.dur ?? 0)));
  const cpu = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  return {
    windowMs: (end - start) / 1000,
    cpuMs: cpu.reduce((s, c) => s + c, 0),
    bigTasksMs: cpu.filter((c) => c > 4),
    overFrame: cpu.filter((c) => c > 1000 / 60).length,
  };
}
