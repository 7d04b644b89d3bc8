// What main/ipc and main/server call. The engine's Lab implements it; tests may fake it.
import type { ChannelName, Req, Res, EventName, Events } from './channels';

export interface LabService {
  handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>>;
  subscribe<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
