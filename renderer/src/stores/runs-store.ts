// Every run the UI knows, as RunModels fed by 'run:event' from app start (so navigating away
// and back loses nothing), loaded with runs:get when opened later. Notifies React at most
// ~6 times a second, and less often when a view reports that redrawing costs more: the view
// never takes more than about a quarter of the main thread, however fast events arrive.
import { useEffect, useLayoutEffect, useSyncExternalStore } from 'react';
import type { LabApi } from '../../../main/contract/channels';
import { call } from '../api';
import { RunModel } from '../model/run-model';
import type { Events, RunEvent } from '../model/types';

const NOTIFY_MS = 160;
const MAX_NOTIFY_MS = 2000;
/** A redraw may use this share of the time between two redraws. */
const BUDGET = 0.25;
/** A page without animation frames (hidden) is still notified after this long. */
const HIDDEN_FLUSH_MS = 500;

interface Buffered {
  event: RunEvent;
  seq?: number;
}

export class RunsStore {
  private readonly models = new Map<string, RunModel>();
  private readonly buffers = new Map<string, Buffered[]>();
  private readonly loading = new Map<string, Promise<RunModel>>();
  private readonly errors = new Map<string, string>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly listListeners = new Set<() => void>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private listVersion = 0;
  private notifyMs = NOTIFY_MS;

  constructor(private readonly load$ = (runId: string) => call('runs:get', { runId })) {}

  connect(api: LabApi): () => void {
    return api.on('run:event', (p) => this.ingest(p));
  }

  ingest({ runId, event, seq }: Events['run:event']): void {
    if (this.loading.has(runId)) return this.buffer(runId, event, seq);
    let m = this.models.get(runId);
    if (!m) {
      if (event.type !== 'meta' || (seq !== undefined && seq !== 0)) {
        this.buffer(runId, event, seq);
        void this.load(runId);
        return;
      }
      m = new RunModel(runId);
      this.models.set(runId, m);
      this.listChanged();
    }
    if (seq !== undefined && seq < m.count) return;
    if (seq !== undefined && seq > m.count) {
      this.buffer(runId, event, seq);
      void this.load(runId, true);
      return;
    }
    m.apply(event);
    if (event.type === 'end') this.listChanged();
    this.markDirty(runId);
  }

  get(runId: string): RunModel | undefined {
    return this.models.get(runId);
  }

  error(runId: string): string | undefined {
    return this.errors.get(runId);
  }

  /** Running models this UI has seen (for the sidebar). */
  live(): RunModel[] {
    return [...this.models.values()].filter((m) => m.status === 'running' && m.meta);
  }

  /** Loads a run from the lab unless it is already held from its start. */
  load(runId: string, force = false): Promise<RunModel> {
    const have = this.models.get(runId);
    if (have && have.complete && !force) return Promise.resolve(have);
    const inFlight = this.loading.get(runId);
    if (inFlight) return inFlight;
    const p = this.load$(runId)
      .then(({ events }) => {
        const m = new RunModel(runId).applyAll(events);
        m.complete = true;
        for (const b of this.buffers.get(runId) ?? []) {
          if (b.seq !== undefined ? b.seq === m.count : isNewer(m, b.event)) m.apply(b.event);
        }
        this.models.set(runId, m);
        this.errors.delete(runId);
        return m;
      })
      .catch((e: unknown) => {
        this.errors.set(runId, e instanceof Error ? e.message : String(e));
        throw e;
      })
      .finally(() => {
        this.loading.delete(runId);
        this.buffers.delete(runId);
        this.listChanged();
        this.markDirty(runId);
      });
    this.loading.set(runId, p);
    return p;
  }

  subscribe(runId: string, l: () => void): () => void {
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    set.add(l);
    return () => void set.delete(l);
  }

  subscribeList = (l: () => void): (() => void) => {
    this.listListeners.add(l);
    return () => void this.listListeners.delete(l);
  };

  getListVersion = (): number => this.listVersion;

  private buffer(runId: string, event: RunEvent, seq?: number): void {
    const b = this.buffers.get(runId) ?? [];
    b.push({ event, seq });
    this.buffers.set(runId, b);
  }

  private listChanged(): void {
    this.listVersion++;
    for (const l of this.listListeners) l();
  }

  /** A view tells how long its last redraw took (render, commit and paint), in ms. */
  reportRedraw(ms: number): void {
    const want = Math.min(MAX_NOTIFY_MS, Math.max(NOTIFY_MS, ms / BUDGET));
    // Follow increases at once, decreases gently.
    this.notifyMs = want > this.notifyMs ? want : this.notifyMs * 0.8 + want * 0.2;
  }

  get redrawInterval(): number {
    return this.notifyMs;
  }

  private markDirty(runId: string): void {
    this.dirty.add(runId);
    this.timer ??= setTimeout(() => this.flushAtNextFrame(), this.notifyMs);
  }

  /**
   * Notifies at the start of the next animation frame, so that React's render and commit, the
   * style, layout and paint of a redraw share one frame instead of a timer landing late in a
   * frame and pushing the next one out. A hidden page gets no frames: a fallback timer keeps
   * its DOM current, at a slow pace.
   */
  private flushAtNextFrame(): void {
    let done = false;
    const flush = () => {
      if (done) return;
      done = true;
      this.timer = null;
      const ids = [...this.dirty];
      this.dirty.clear();
      for (const id of ids) for (const l of this.listeners.get(id) ?? []) l();
    };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
    setTimeout(flush, HIDDEN_FLUSH_MS);
  }
}

/** Without a seq: an event is new if it is later than everything loaded, or not among the loaded events at its time. */
function isNewer(m: RunModel, e: RunEvent): boolean {
  if (e.t > m.endT) return true;
  if (e.t < m.endT) return false;
  const text = JSON.stringify(e);
  for (let i = m.events.length - 1; i >= 0 && m.events[i].t === e.t; i--)
    if (JSON.stringify(m.events[i]) === text) return false;
  return true;
}

export const runsStore = new RunsStore();

/** The run's model, re-rendering (throttled) as events arrive; loads it when needed. */
export function useRun(runId: string | null): {
  model: RunModel | undefined;
  version: number;
  error?: string;
} {
  const version = useSyncExternalStore(
    (l) => (runId ? runsStore.subscribe(runId, l) : () => {}),
    () => (runId ? (runsStore.get(runId)?.version ?? -1) : -1),
  );
  useEffect(() => {
    if (runId) void runsStore.load(runId).catch(() => undefined);
  }, [runId]);
  return {
    model: runId ? runsStore.get(runId) : undefined,
    version,
    error: runId ? runsStore.error(runId) : undefined,
  };
}

/**
 * Measures each redraw of a view, from render to the frame after paint, and reports it so
 * the store can space redraws out. Call at the top of the view's render.
 */
export function useRedrawCost(version: number): void {
  const start = performance.now();
  useLayoutEffect(() => {
    let cancelled = false;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (!cancelled) runsStore.reportRedraw(performance.now() - start);
      }, 0),
    );
    return () => {
      cancelled = true;
    };
  }, [version]);
}

export function useLiveRuns(): RunModel[] {
  useSyncExternalStore(runsStore.subscribeList, runsStore.getListVersion);
  return runsStore.live();
}
