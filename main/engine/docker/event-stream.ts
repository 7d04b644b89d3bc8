// Docker's event stream for one run's containers, turned into named events; reconnects
// when the stream breaks and reports the gap.
import type Docker from 'dockerode';
import { JsonLineSplitter } from './exec';
import { managedFilter, NAME_LABEL } from './labels';

export interface ContainerEvent {
  name: string;
  containerId: string;
  /** die, kill, start, stop, pause, unpause, restart, oom, create, destroy ... */
  action: string;
  exitCode?: number;
  signal?: string;
  /** Engine time (ms since epoch). */
  time: number;
}

export interface EventStreamHandlers {
  onEvent(e: ContainerEvent): void;
  /** The stream broke (engine gone or restarting); a reconnect is under way. */
  onBreak?(info: { at: number; error: string }): void;
  onGap?(info: { from: number; to: number; error: string }): void;
  /** No engine to reconnect to for `giveUpMs`: the stream is given up. */
  onLost?(info: { from: number; error: string }): void;
}

interface DockerEventMessage {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

const INTERESTING = new Set([
  'create',
  'start',
  'die',
  'kill',
  'stop',
  'pause',
  'unpause',
  'restart',
  'oom',
  'destroy',
]);

export function toContainerEvent(m: DockerEventMessage): ContainerEvent | null {
  if (m.Type !== 'container') return null;
  const action = (m.Action ?? m.status ?? '').split(':')[0];
  if (!INTERESTING.has(action)) return null;
  const attrs = m.Actor?.Attributes ?? {};
  const name = attrs[NAME_LABEL] ?? attrs.name ?? '';
  const e: ContainerEvent = {
    name,
    containerId: m.Actor?.ID ?? m.id ?? '',
    action,
    time: m.timeNano ? Math.floor(m.timeNano / 1e6) : Date.now(),
  };
  if (attrs.exitCode !== undefined) e.exitCode = Number(attrs.exitCode);
  if (attrs.signal !== undefined) e.signal = attrs.signal;
  return e;
}

export class RunEventStream {
  private stream?: NodeJS.ReadableStream;
  private stopped = false;
  private lastSeen = Date.now();

  constructor(
    private readonly docker: Docker,
    private readonly runId: string,
    private readonly h: EventStreamHandlers,
    /** How long to keep trying to reconnect before the engine counts as gone for good. */
    private readonly giveUpMs = 60_000,
  ) {}

  async start(): Promise<void> {
    await this.connect(Math.floor(Date.now() / 1000));
  }

  private async connect(sinceSec: number): Promise<void> {
    const stream = (await this.docker.getEvents({
      since: sinceSec,
      filters: { ...managedFilter(this.runId), type: ['container'] },
    })) as unknown as NodeJS.ReadableStream;
    this.stream = stream;
    const split = new JsonLineSplitter();
    stream.on('data', (chunk: Buffer) => {
      for (const m of split.push(chunk)) {
        const e = toContainerEvent(m as DockerEventMessage);
        if (e) {
          this.lastSeen = Math.max(this.lastSeen, e.time);
          this.h.onEvent(e);
        }
      }
    });
    const onBreak = (err?: unknown) => {
      if (this.stopped || this.stream !== stream) return;
      const from = Date.now();
      const error = err instanceof Error ? err.message : 'event stream ended';
      this.stream = undefined;
      this.h.onBreak?.({ at: from, error });
      void this.reconnect(from, error);
    };
    stream.on('error', onBreak);
    stream.on('end', () => onBreak());
  }

  private async reconnect(from: number, error: string): Promise<void> {
    let delay = 200;
    while (!this.stopped) {
      try {
        // Ask again from the last event seen, so nothing in the gap is missed when the engine kept it.
        await this.connect(Math.floor(this.lastSeen / 1000));
        this.h.onGap?.({ from, to: Date.now(), error });
        return;
      } catch {
        if (Date.now() - from > this.giveUpMs) {
          this.h.onLost?.({ from, error });
          return;
        }
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2000);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    const s = this.stream as unknown as { destroy?: () => void } | undefined;
    s?.destroy?.();
  }
}
