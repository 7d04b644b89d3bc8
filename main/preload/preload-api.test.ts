import { describe, expect, it } from 'vitest';
import type { Events } from '../contract/channels';
import { IPC_EVENT, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../contract/wire';
import { createPreloadApi, type IpcRendererLike } from './preload-api';

function fakeIpc() {
  const sent: unknown[][] = [];
  const invoked: unknown[][] = [];
  let onEvent: ((event: unknown, ...args: unknown[]) => void) | undefined;
  const ipc: IpcRendererLike = {
    async invoke(...args) {
      invoked.push(args);
      return { ok: 'yes' };
    },
    send: (...args) => void sent.push(args),
    on(channel, l) {
      if (channel === IPC_EVENT) onEvent = l;
    },
  };
  return {
    ipc,
    sent,
    invoked,
    push: (name: string, payload: unknown) => onEvent!({ sender: 'secret' }, name, payload),
  };
}

describe('preload api', () => {
  it('invokes known channels and refuses unknown ones without touching IPC', async () => {
    const f = fakeIpc();
    const api = createPreloadApi(f.ipc);
    expect(await api.invoke('runs:list', {})).toEqual({ ok: 'yes' });
    const bad = await api.invoke('fs:read' as 'runs:list', {});
    expect(bad).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect(f.invoked).toEqual([['runs:list', {}]]);
  });

  it('delivers only the payload (no IPC event), subscribes once per name and unsubscribes at the last listener', () => {
    const f = fakeIpc();
    const api = createPreloadApi(f.ipc);
    const got: unknown[][] = [];
    const listener = (...args: unknown[]) => got.push(args);
    const off1 = api.on('engine:changed', listener);
    const off2 = api.on('engine:changed', listener);
    expect(f.sent).toEqual([[IPC_SUBSCRIBE, 'engine:changed']]);
    const payload: Events['engine:changed'] = { reachable: true, address: 'a', images: [], leftovers: 0 };
    f.push('engine:changed', payload);
    expect(got).toEqual([[payload], [payload]]);
    off1();
    off1();
    f.push('engine:changed', payload);
    expect(got.length).toBe(3);
    off2();
    expect(f.sent.at(-1)).toEqual([IPC_UNSUBSCRIBE, 'engine:changed']);
    expect(() => api.on('fs:changed' as 'engine:changed', listener)).toThrow(/unknown event/);
  });
});
