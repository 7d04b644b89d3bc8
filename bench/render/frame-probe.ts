// Runs inside the page: requestAnimationFrame gaps over a window, each frame marked as an
// update frame when a series path of the rows chart was redrawn since the previous frame
// (its `d` changed, or paths were replaced): the charts took new data.
export interface FrameWindow {
  updateGaps: number[];
  idleGaps: number[];
  longTasks: number;
}

export function measureFrames(windowMs: number): Promise<FrameWindow> {
  return new Promise((resolve) => {
    const target = document.querySelector('[data-testid=chart-rows]') ?? document.body;
    let dirty = false;
    const mo = new MutationObserver(() => (dirty = true));
    mo.observe(target, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
    let longTasks = 0;
    const po = new PerformanceObserver((l) => (longTasks += l.getEntries().length));
    po.observe({ type: 'longtask', buffered: false });
    const updateGaps: number[] = [];
    const idleGaps: number[] = [];
    const start = performance.now();
    let last = start;
    dirty = false;
    const frame = (t: number) => {
      (dirty ? updateGaps : idleGaps).push(t - last);
      dirty = false;
      last = t;
      if (t - start < windowMs) requestAnimationFrame(frame);
      else {
        mo.disconnect();
        po.disconnect();
        resolve({ updateGaps, idleGaps, longTasks });
      }
    };
    requestAnimationFrame(frame);
  });
}
