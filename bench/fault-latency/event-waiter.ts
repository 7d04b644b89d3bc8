// One Docker event stream for both sides: resolves when the engine reports the action on
// the container (a container event, or a network connect/disconnect naming it).
import type Docker from 'dockerode';
import { JsonLineSplitter } from '../../main/engine/docker/exec';

interface EventMessage {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

interface Waiter {
  containerId: string;
  actions: Set<string>;
  resolve(at: number): void;
}

export class EventWaiter {
  private stream?: NodeJS.ReadableStream;
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly docker: Docker) {}

  async start(): Promise<void> {
    const stream = (await this.docker.getEvents({
      filters: { type: ['container', 'network'] },
    })) as unknown as NodeJS.ReadableStream;
    this.stream = stream;
    const split = new JsonLineSplitter();
    stream.on('data', (chunk: Buffer) => {
      const at = performance.now();
      for (const raw of split.push(chunk)) {
        const m = raw as EventMessage;
        const action = (m.Action ?? '').split(':')[0];
        const id = m.Type === 'network' ? m.Actor?.Attributes?.container : m.Actor?.ID;
        if (!id) continue;
        for (const w of this.waiters) {
          if (w.containerId === id && w.actions.has(action)) {
            this.waiters.delete(w);
            w.resolve(at);
          }
        }
      }
    });
  }

  /** Arms a wait before the request is sent; the promise gives the arrival time (performance.now()). */
  expect(containerId: string, actions: string[], timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        containerId,
        actions: new Set(actions),
        resolve: (at) => {
          clearTimeout(timer);
          resolve(at);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error(`no ${actions.join('/')} event for ${containerId.slice(0, 12)} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(w);
    });
  }

  stop(): void {
    (this.stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
  }
}
