// A stand-in for Electron's ipcMain in unit tests: records handlers and lets a test invoke
// them as a given frame would.
import type { IpcEventLike, IpcMainLike } from './types';

type Handler = (event: IpcEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  readonly listeners = new Map<string, Set<Handler>>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  on(channel: string, listener: Handler): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }

  removeListener(channel: string, listener: Handler): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }

  /** Like ipcRenderer.invoke from a frame at `url`. */
  async invoke(url: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(frame(url), ...args);
  }

  /** Like ipcRenderer.send from a frame at `url`. */
  send(url: string | null, channel: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l(frame(url), ...args);
  }
}

function frame(url: string | null): IpcEventLike {
  return { senderFrame: url === null ? null : { url, parent: null } };
}
