// Pushed events from the service to the window. An event is queued until the renderer has
// subscribed to its name (i.e. until the page is up and listening), then flushed in order;
// a reload queues again until the new page subscribes.
import type { EventName, Events } from '../contract/channels';
import type { LabService } from '../contract/service';
import { isEventName } from '../contract/schemas';
import { EVENT_NAMES, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../contract/wire';
import type { IpcEventLike, IpcMainLike, TrustedSender } from './types';

export interface EventForwarder {
  subscribe(event: EventName): void;
  unsubscribe(event: EventName): void;
  /** The page went away (reload, crash): queue everything until it subscribes again. */
  reset(): void;
  queued(event: EventName): number;
  close(): void;
}

export function createEventForwarder(
  service: LabService,
  send: <E extends EventName>(event: E, payload: Events[E]) => void,
  maxQueued = 50_000,
): EventForwarder {
  const live = new Set<EventName>();
  const queues = new Map<EventName, unknown[]>(EVENT_NAMES.map((e) => [e, []]));
  const offs = EVENT_NAMES.map((event) =>
    service.subscribe(event, (payload) => {
      if (live.has(event)) return send(event, payload);
      const q = queues.get(event)!;
      q.push(payload);
      if (q.length > maxQueued) q.shift();
    }),
  );
  return {
    subscribe(event) {
      if (live.has(event)) return;
      live.add(event);
      const q = queues.get(event)!;
      queues.set(event, []);
      for (const payload of q) send(event, payload as Events[typeof event]);
    },
    unsubscribe(event) {
      live.delete(event);
    },
    reset() {
      live.clear();
    },
    queued(event) {
      return queues.get(event)?.length ?? 0;
    },
    close() {
      offs.forEach((off) => off());
      live.clear();
    },
  };
}

/** The renderer's subscribe/unsubscribe messages, from the trusted page only. */
export function registerEventIpc(
  ipcMain: IpcMainLike,
  forwarder: EventForwarder,
  isTrustedSender: TrustedSender,
): () => void {
  const on =
    (subscribe: boolean) =>
    (event: IpcEventLike, ...args: unknown[]): void => {
      const name = args[0];
      if (!isTrustedSender(event) || !isEventName(name)) return;
      if (subscribe) forwarder.subscribe(name);
      else forwarder.unsubscribe(name);
    };
  const sub = on(true);
  const unsub = on(false);
  ipcMain.on(IPC_SUBSCRIBE, sub);
  ipcMain.on(IPC_UNSUBSCRIBE, unsub);
  return () => {
    ipcMain.removeListener(IPC_SUBSCRIBE, sub);
    ipcMain.removeListener(IPC_UNSUBSCRIBE, unsub);
  };
}
