// LabApi over the browser-mode WebSocket ({id, channel, req} -> {id, result}; pushed
// {event, payload} for subscribed events). Reconnects with backoff and re-subscribes.
import type { ChannelName, EventName, Events, LabApi, Req, Result } from '../../main/contract/channels';
import type { ServerMessage } from '../../main/contract/wire';

export interface WsApi extends LabApi {
  /** For a connection banner: 'reconnecting' only after the socket had been open. */
  state(): ConnState;
  onState(listener: (s: ConnState) => void): () => void;
  close(): void;
}

export type ConnState = 'connecting' | 'open' | 'reconnecting' | 'closed';

type Pending = { resolve: (r: Result<ChannelName>) => void; channel: string };

export function createWsApi(url: string, WebSocketImpl: typeof WebSocket = WebSocket): WsApi {
  let ws: WebSocket | null = null;
  let state: ConnState = 'connecting';
  let wasOpen = false;
  let nextId = 1;
  let retry = 0;
  let closedByUser = false;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const stateListeners = new Set<(s: ConnState) => void>();

  const setState = (s: typeof state): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const send = (msg: unknown): void => {
    const text = JSON.stringify(msg);
    if (ws && ws.readyState === WebSocketImpl.OPEN) ws.send(text);
    else queue.push(text);
  };

  const connect = (): void => {
    setState(wasOpen ? 'reconnecting' : 'connecting');
    const socket = new WebSocketImpl(url);
    ws = socket;
    socket.onopen = () => {
      retry = 0;
      wasOpen = true;
      setState('open');
      for (const event of listeners.keys()) socket.send(JSON.stringify({ subscribe: event }));
      for (const text of queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (m) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(String(m.data)) as ServerMessage;
      } catch {
        return;
      }
      if ('batch' in msg) {
        for (const e of msg.batch) for (const l of listeners.get(e.event) ?? []) l(e.payload);
      } else if ('event' in msg) {
        for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
      } else if (msg.id !== null) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.result);
      }
    };
    socket.onclose = () => {
      if (ws !== socket) return;
      ws = null;
      // Requests in flight have no answer now: their outcome is unknown (not definite).
      for (const [id, p] of pending) {
        p.resolve({
          error: {
            code: 'INTERNAL',
            message: `connection to the lab closed during ${p.channel}`,
            definite: false,
          },
        });
        pending.delete(id);
      }
      if (closedByUser) return setState('closed');
      setState(wasOpen ? 'reconnecting' : 'connecting');
      const delay = Math.min(5000, 250 * 2 ** retry++);
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    invoke<K extends ChannelName>(channel: K, req: Req<K>): Promise<Result<K>> {
      const id = nextId++;
      return new Promise<Result<K>>((resolve) => {
        pending.set(id, { resolve: resolve as (r: Result<ChannelName>) => void, channel });
        send({ id, channel, req });
      });
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) {
        listeners.set(event, (set = new Set()));
        if (ws && ws.readyState === WebSocketImpl.OPEN) ws.send(JSON.stringify({ subscribe: event }));
      }
      const l = (p: unknown): void => listener(p as Events[E]);
      set.add(l);
      return () => {
        set.delete(l);
        if (set.size === 0) {
          listeners.delete(event);
          if (ws && ws.readyState === WebSocketImpl.OPEN) ws.send(JSON.stringify({ unsubscribe: event }));
        }
      };
    },
    state: () => state,
    onState(l) {
      stateListeners.add(l);
      return () => void stateListeners.delete(l);
    },
    close() {
      closedByUser = true;
      ws?.close();
    },
  };
}
