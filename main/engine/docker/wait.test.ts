// waitReady against a fake target: a container that died while starting is named with the last
// lines of its log; one that answers is ready.
import { describe, it, expect } from 'vitest';
import net from 'node:net';
import type Docker from 'dockerode';
import { getEventListeners } from 'node:events';
import { sleep, waitReady, type WaitTarget } from './wait';
import { LabError } from '../errors';

function target(port: number, running: boolean, log?: string[]): WaitTarget {
  return {
    container: {} as Docker.Container,
    name: 'consumer',
    endpoint: (p) => ({ host: '127.0.0.1', port: p === 8080 ? port : p }),
    isRunning: async () => running,
    lastLog: log ? async (n) => log.slice(-n) : undefined,
  };
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('waitReady', () => {
  it('a container that exited while starting: the error quotes its last 5 log lines', async () => {
    const port = await closedPort();
    const log = ['a', 'b', 'c', 'd', 'e', 'fatal: group coordinator not available'];
    const e = (await waitReady(target(port, false, log), { kind: 'port', port: 8080 }).catch(
      (x: unknown) => x,
    )) as LabError;
    expect(e).toBeInstanceOf(LabError);
    expect(e.code).toBe('CONTAINER_FAILED');
    expect(e.message).toBe(
      'consumer exited while starting (waiting for TCP :8080); its last log lines:\n  b\n  c\n  d\n  e\n  fatal: group coordinator not available',
    );
  });

  it('without a log to quote, it says to see the log', async () => {
    const port = await closedPort();
    const e = (await waitReady(target(port, false), { kind: 'port', port: 8080 }).catch(
      (x: unknown) => x,
    )) as LabError;
    expect(e.message).toBe('consumer exited while starting (waiting for TCP :8080); see its log');
  });

  it('ready as soon as the port accepts', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    try {
      const ms = await waitReady(target(port, true), { kind: 'port', port: 8080 });
      expect(ms).toBeLessThan(1000);
    } finally {
      s.close();
    }
  });

  it('sleep leaves no listener on the signal once it has slept (a run sleeps once per timed fault)', async () => {
    const ac = new AbortController();
    await Promise.all([sleep(5, ac.signal), sleep(10, ac.signal)]);
    expect(getEventListeners(ac.signal, 'abort')).toHaveLength(0);
    const t0 = Date.now();
    const long = sleep(60_000, ac.signal);
    ac.abort();
    await long;
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
