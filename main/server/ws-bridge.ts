// One WebSocket connection speaking the contract: {id, channel, req} -> {id, result}, and
// {subscribe|unsubscribe: event} -> pushed {event, payload}.
import type { WebSocket, RawData } from 'ws';
import type { EventName } from '../contract/channels';
import type { LabService } from '../contract/service';
import { isEventName } from '../contract/schemas';
import type { PushedEvent, ServerMessage } from '../contract/wire';
import { dispatch } from '../ipc/dispatch';

/** Stops pushing to a client that has this much unsent (it is not reading). */
const MAX_BUFFERED = 64 * 1024 * 1024;
/** Events pushed in one tick go out as one message (up to this many). */
const MAX_BATCH = 500;

export function attachBridge(ws: WebSocket, service: LabService): () => void {
  const subscriptions = new Map<EventName, () => void>();

  const send = (msg: ServerMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(1013, 'client too slow');
      return;
    }
    ws.send(JSON.stringify(msg));
  };

  const badRequest = (id: number | null, message: string): void => {
    send({ id, result: { error: { code: 'BAD_REQUEST', message, definite: true } } });
  };

  // Bursts (a run's start, a fast workload) are coalesced: fewer frames, same order.
  let pending: PushedEvent[] = [];
  let flushScheduled = false;
  const flush = (): void => {
    flushScheduled = false;
    while (pending.length) {
      const part = pending.splice(0, MAX_BATCH);
      send(part.length === 1 ? part[0] : { batch: part });
    }
  };
  const push = (e: PushedEvent): void => {
    pending.push(e);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  const subscribe = (event: EventName): void => {
    if (subscriptions.has(event)) return;
    const off = service.subscribe(event, (payload) => push({ event, payload } as PushedEvent));
    subscriptions.set(event, off);
  };

  const unsubscribe = (event: EventName): void => {
    subscriptions.get(event)?.();
    subscriptions.delete(event);
  };

  const onMessage = (data: RawData, isBinary: boolean): void => {
    if (isBinary) return badRequest(null, 'binary messages are not accepted');
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return badRequest(null, 'message is not JSON');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
      return badRequest(null, 'message must be an object');
    const m = msg as Record<string, unknown>;
    if ('subscribe' in m || 'unsubscribe' in m) {
      const event = m.subscribe ?? m.unsubscribe;
      if (!isEventName(event)) return badRequest(null, `unknown event ${JSON.stringify(event)}`);
      if ('subscribe' in m) subscribe(event);
      else unsubscribe(event);
      return;
    }
    if (typeof m.id !== 'number' || !Number.isSafeInteger(m.id))
      return badRequest(null, 'field "id" must be an integer');
    const id = m.id;
    void dispatch(service, m.channel, m.req).then((result) => {
      // Events the request caused go out before its answer (e.g. a run's first events before its id).
      flush();
      send({ id, result });
    });
  };

  const close = (): void => {
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
    pending = [];
  };

  ws.on('message', onMessage);
  ws.on('close', close);
  ws.on('error', close);
  return close;
}
