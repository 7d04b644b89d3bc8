// How the contract travels: the WebSocket bridge's messages (browser mode) and the IPC
// names the preload uses for pushed events (desktop). Types and constants only.
import type { ChannelName, EventName, Events, Result } from './channels';

/** Every pushed event's name (channels.ts lists the request channels; this the events). */
export const EVENT_NAMES = [
  'run:event',
  'images:progress',
  'engine:changed',
] as const satisfies readonly EventName[];
type MissingEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>;
const _allEventsListed: [MissingEvent] extends [never] ? true : MissingEvent = true;
void _allEventsListed;

/** Client -> server. */
export type ClientMessage =
  { id: number; channel: ChannelName; req: unknown } | { subscribe: EventName } | { unsubscribe: EventName };

/** One pushed event. */
export type PushedEvent = { [E in EventName]: { event: E; payload: Events[E] } }[EventName];

/**
 * Server -> client. `id` is null when the message it answers had no readable id. Events
 * pushed in one burst travel together as a batch, in order.
 */
export type ServerMessage =
  { id: number | null; result: Result<ChannelName> } | PushedEvent | { batch: PushedEvent[] };

/** The path of the API socket, relative to the served page. */
export const API_PATH = '/api';

/** Electron: main -> renderer, args (eventName, payload). */
export const IPC_EVENT = 'lab:event';
/** Electron: renderer -> main, arg eventName. Main queues an event until it is subscribed. */
export const IPC_SUBSCRIBE = 'lab:subscribe';
export const IPC_UNSUBSCRIBE = 'lab:unsubscribe';
