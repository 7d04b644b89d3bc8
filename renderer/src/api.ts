// The renderer's one door to the lab. In Electron the preload provides window.lab; in a
// browser (browser mode) the same LabApi runs over the local WebSocket. This is the only
// module that touches window.lab.
import type { ChannelName, LabApi, Req, Res } from '../../main/contract/channels';
import { API_PATH } from '../../main/contract/wire';
import { createWsApi } from './ws-client';

declare global {
  interface Window {
    lab?: LabApi;
  }
}

export type ApiMode = 'electron' | 'browser';

function createApi(): { api: LabApi; mode: ApiMode; connection?: ReturnType<typeof createWsApi> } {
  if (window.lab) return { api: window.lab, mode: 'electron' };
  // The token arrives in the page URL once; after that the HttpOnly cookie carries it.
  const token = new URLSearchParams(window.location.search).get('token');
  const wsUrl = new URL(API_PATH, window.location.href);
  wsUrl.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  wsUrl.search = token ? `?token=${encodeURIComponent(token)}` : '';
  wsUrl.hash = '';
  const connection = createWsApi(wsUrl.toString());
  return { api: connection, mode: 'browser', connection };
}

const created = createApi();
export const api: LabApi = created.api;
export const apiMode: ApiMode = created.mode;
/** The WebSocket's state in browser mode (undefined in Electron). */
export const connection = created.connection;

/** An error value from the lab, thrown so UI code can catch it with its message intact. */
export class LabCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly definite: boolean,
  ) {
    super(message);
    this.name = 'LabCallError';
  }
}

/** invoke() that returns the value or throws LabCallError with the lab's own message. */
export async function call<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
  const r = await api.invoke(channel, req);
  if ('ok' in r) return r.ok;
  throw new LabCallError(r.error.code, r.error.message, r.error.definite);
}
