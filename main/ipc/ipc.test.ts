import { describe, expect, it, vi } from 'vitest';
import {
  CHANNELS,
  type ChannelName,
  type EventName,
  type Events,
  type Req,
  type Res,
} from '../contract/channels';
import type { LabService } from '../contract/service';
import { IPC_SUBSCRIBE } from '../contract/wire';
import { LabError } from '../engine/errors';
import { FakeIpcMain } from './fake-ipc-main';
import {
  createEventForwarder,
  createTrustedSender,
  registerAllIpc,
  registerEventIpc,
  registerRunsIpc,
  withPdfExport,
} from './index';

const APP = 'app://chaoslab/index.html';
const trusted = createTrustedSender(['app://chaoslab']);

function fakeService(): LabService & {
  calls: [string, unknown][];
  emit<E extends EventName>(e: E, p: Events[E]): void;
} {
  const calls: [string, unknown][] = [];
  const ls = new Map<string, Set<(p: unknown) => void>>();
  return {
    calls,
    async handle<K extends ChannelName>(channel: K, req: Req<K>): Promise<Res<K>> {
      calls.push([channel, req]);
      if (channel === 'runs:stop') throw new LabError('RUN_NOT_FOUND', 'no run r404');
      if (channel === 'runs:export')
        return {
          fileName: 'chaoslab-r1.html',
          mime: 'text/html',
          base64: Buffer.from('<h1>r</h1>').toString('base64'),
        } as Res<K>;
      return { faultId: 'f1' } as Res<K>;
    },
    subscribe(event, l) {
      if (!ls.has(event)) ls.set(event, new Set());
      ls.get(event)!.add(l as (p: unknown) => void);
      return () => ls.get(event)!.delete(l as (p: unknown) => void);
    },
    emit(e, p) {
      for (const l of ls.get(e) ?? []) l(p);
    },
  };
}

describe('IPC registrars', () => {
  it('register one handler per channel across the five areas, covering the whole contract', () => {
    const ipc = new FakeIpcMain();
    const off = registerAllIpc(ipc, fakeService(), trusted);
    expect([...ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    off();
    expect(ipc.handlers.size).toBe(0);
  });

  it('pass a valid request to the service and return {ok}', async () => {
    const ipc = new FakeIpcMain();
    const service = fakeService();
    registerRunsIpc(ipc, service, trusted);
    const req = { runId: 'r1', fault: { kind: 'kill', target: 'order-2' } };
    expect(await ipc.invoke(APP, 'runs:fault', req)).toEqual({ ok: { faultId: 'f1' } });
    expect(service.calls).toEqual([['runs:fault', req]]);
  });

  it.each([
    ['runs:fault', { runId: 'r1', fault: { kind: 'explode', target: 'order-2' } }, 'fault.kind'],
    ['runs:fault', { runId: 'r1', fault: { kind: 'kill' } }, 'fault.target'],
    ['runs:fault', { runId: 'r1', fault: { kind: 'kill', target: '../etc' } }, 'fault.target'],
    ['runs:start', { scenario: 'split-stores', params: { rate: { $gt: 1 } } }, 'params.rate'],
    ['runs:control', { runId: 'r1', rate: -5 }, 'rate'],
    ['runs:export', { runId: 'r1', format: 'exe' }, 'format'],
    ['runs:get', { runId: 'r1', extra: true }, 'extra'],
    ['runs:get', 'r1', '(request)'],
    ['runs:stop', undefined, 'runId'],
  ])(
    'reject malformed %s payload %j with BAD_REQUEST naming %s, without calling the service',
    async (channel, req, field) => {
      const ipc = new FakeIpcMain();
      const service = fakeService();
      registerRunsIpc(ipc, service, trusted);
      const r = (await ipc.invoke(APP, channel, req)) as {
        error: { code: string; message: string; definite: boolean };
      };
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.definite).toBe(true);
      expect(r.error.message).toContain(channel);
      expect(r.error.message).toContain(field);
      expect(service.calls).toEqual([]);
    },
  );

  it('return what the service throws as an error value with its code and message', async () => {
    const ipc = new FakeIpcMain();
    registerRunsIpc(ipc, fakeService(), trusted);
    expect(await ipc.invoke(APP, 'runs:stop', { runId: 'r404' })).toEqual({
      error: { code: 'RUN_NOT_FOUND', message: 'no run r404', definite: true },
    });
  });

  it.each([['https://evil.example/index.html'], ['app://other/index.html'], ['file:///tmp/x.html'], [null]])(
    'refuse a sender frame at %s',
    async (url) => {
      const ipc = new FakeIpcMain();
      const service = fakeService();
      registerAllIpc(ipc, service, trusted);
      const r = (await ipc.invoke(url, 'runs:fault', {
        runId: 'r1',
        fault: { kind: 'kill', target: 'order-2' },
      })) as { error: { code: string; message: string } };
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toMatch(/refused: .* is not the Chaos Lab window/);
      expect(service.calls).toEqual([]);
    },
  );

  it('refuse a subframe of the trusted page', () => {
    expect(trusted({ senderFrame: { url: APP, parent: {} } })).toBe(false);
    expect(trusted({ senderFrame: { url: APP, parent: null } })).toBe(true);
    expect(
      createTrustedSender(['http://localhost:5173'])({
        senderFrame: { url: 'http://localhost:5173/#/runs', parent: null },
      }),
    ).toBe(true);
  });
});

describe('event forwarder', () => {
  it('queues events until the renderer subscribes, then flushes them in order and forwards live', () => {
    const service = fakeService();
    const sent: [string, unknown][] = [];
    const fwd = createEventForwarder(service, (e, p) => sent.push([e, p]));
    const ipc = new FakeIpcMain();
    registerEventIpc(ipc, fwd, trusted);
    const ev = (n: number): Events['run:event'] => ({
      runId: 'r1',
      seq: n,
      event: { type: 'log', t: n, level: 'info', message: String(n) },
    });
    service.emit('run:event', ev(0));
    service.emit('run:event', ev(1));
    expect(sent).toEqual([]);
    ipc.send('https://evil.example/', IPC_SUBSCRIBE, 'run:event');
    expect(sent).toEqual([]);
    ipc.send(APP, IPC_SUBSCRIBE, 'run:event');
    service.emit('run:event', ev(2));
    expect(sent.map(([, p]) => (p as Events['run:event']).seq)).toEqual([0, 1, 2]);
    fwd.reset();
    service.emit('run:event', ev(3));
    expect(fwd.queued('run:event')).toBe(1);
    fwd.close();
  });
});

describe('withPdfExport', () => {
  it('prints the HTML report to PDF and passes other requests through', async () => {
    const service = fakeService();
    const print = vi.fn(async (html: string) => Buffer.from(`%PDF-1.7 ${html}`));
    const s = withPdfExport(service, print);
    const r = await s.handle('runs:export', { runId: 'r1', format: 'pdf' });
    expect(r.fileName).toBe('chaoslab-r1.pdf');
    expect(r.mime).toBe('application/pdf');
    expect(Buffer.from(r.base64, 'base64').toString()).toBe('%PDF-1.7 <h1>r</h1>');
    expect(print).toHaveBeenCalledOnce();
    await s.handle('runs:export', { runId: 'r1', format: 'json' });
    expect(service.calls.at(-1)).toEqual(['runs:export', { runId: 'r1', format: 'json' }]);
  });
});
