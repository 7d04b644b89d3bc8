// A run's events, kept on disk only: each one is appended to run.jsonl as it happens (see
// run-store.ts) and read back when the whole log is wanted (the checks at the end, the
// reports, a view that opens the run). An hour-long run records ~46,000 events (mostly 4 Hz
// store samples); holding them all in memory grew the lab by ~10% an hour. What stays in
// memory is O(1): the count, the current phase and the end. Events the disk refused (a full
// disk) are kept in memory from then on, so nothing recorded is lost.
import fs from 'node:fs';
import type { RunEvent, RunPhase } from './events';
import { createRunStore, parseRunLog, type RunStore } from './run-store';
import { IdSharing } from './probes/id-sharing';

export class RunEventLog {
  private readonly store: RunStore;
  /** Events appended after the store failed, in order (empty while the disk takes them). */
  private readonly unstored: RunEvent[] = [];
  private count = 0;
  private current: RunPhase | undefined;
  private endEvent: Extract<RunEvent, { type: 'end' }> | undefined;

  /** Throws OUTPUT_NOT_WRITABLE (from the store) before anything is recorded. */
  constructor(dir: string) {
    this.store = createRunStore(dir);
  }

  /** How many events were recorded. */
  get size(): number {
    return this.count;
  }

  get phase(): RunPhase | undefined {
    return this.current;
  }

  get end(): Extract<RunEvent, { type: 'end' }> | undefined {
    return this.endEvent;
  }

  append(e: RunEvent): void {
    this.count++;
    if (e.type === 'phase') this.current = e.phase;
    if (e.type === 'end') this.endEvent = e;
    if (this.unstored.length === 0) {
      try {
        this.store.append(e);
        return;
      } catch {
        // the store reports its own trouble once; from here on the events stay in memory
      }
    }
    this.unstored.push(e);
  }

  close(): void {
    this.store.close();
  }

  /**
   * Every event recorded, in order, read back from run.jsonl (then those the disk refused).
   * Samples that repeat their store's previous ids share one array, as they did when live.
   */
  all(): RunEvent[] {
    let text = '';
    try {
      text = fs.readFileSync(this.store.file, 'utf8');
    } catch {
      // the file is gone (removed under the run): only what is in memory is left
    }
    const ids = new IdSharing();
    const events = parseRunLog(text).events.map((e) =>
      e.type === 'sample' && Array.isArray(e.ids) ? { ...e, ids: ids.share(e.store, e.ids) } : e,
    );
    return this.unstored.length ? [...events, ...this.unstored] : events;
  }
}
