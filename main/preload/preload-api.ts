// What the preload exposes as window.lab: generic invoke/on over the typed contract, and
// nothing else. The IPC event (and with it the sender) never reaches the page.
import {
  CHANNELS,
  type ChannelName,
  type EventName,
  type Events,
  type LabApi,
  type Req,
  type Result,
} from '../contract/channels';
import { EVENT_NAMES, IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../contract/wire';

/** The slice of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): LabApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  ipc.on(IPC_EVENT, (_event, name, payload) => {
    for (const l of listeners.get(name as EventName) ?? []) {
      try {
        l(payload);
      } catch (e) {
        console.error(`listener of ${String(name)} failed`, e);
      }
    }
  });

  return {
    invoke<K extends ChannelName>(channel: K, req: Req<K>): Promise<Result<K>> {
      if (!(CHANNELS as readonly string[]).includes(channel)) {
        return Promise.resolve({
          error: {
            code: 'BAD_REQUEST',
            message: `unknown channel ${JSON.stringify(channel)}`,
            definite: true,
          },
        });
      }
      return ipc.invoke(channel, req) as Promise<Result<K>>;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      if (!(EVENT_NAMES as readonly string[]).includes(event))
        throw new Error(`unknown event ${JSON.stringify(event)}`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrapped, so the same function may listen twice and each unsubscribe removes one.
      const l = (p: unknown): void => listener(p as Events[E]);
      set.add(l);
      if (set.size === 1) ipc.send(IPC_SUBSCRIBE, event);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        set.delete(l);
        if (set.size === 0) ipc.send(IPC_UNSUBSCRIBE, event);
      };
    },
  };
}
