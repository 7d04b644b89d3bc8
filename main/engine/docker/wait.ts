// Wait strategies: a container counts as ready only when what it serves answers.
import net from 'node:net';
import http from 'node:http';
import type Docker from 'dockerode';
import type { WaitStrategy, Endpoint } from '../scenario';
import { LabError } from '../errors';
import { demuxExecOutput } from './exec';
import { kafkaAnswers } from '../probes/kafka-ready-probe';

export interface WaitTarget {
  container: Docker.Container;
  name: string;
  endpoint(port: number): Endpoint;
  /** Rejects early when the container died while we waited. */
  isRunning(): Promise<boolean>;
  /** The container's last log lines, quoted when it died while starting. */
  lastLog?(lines: number): Promise<string[]>;
}

const DEFAULT_TIMEOUT_MS = 90_000;
const LOG_LINES_QUOTED = 5;

export async function waitReady(
  target: WaitTarget,
  wait: WaitStrategy,
  signal?: AbortSignal,
): Promise<number> {
  if (wait.kind === 'none') return 0;
  const started = Date.now();
  const timeout = wait.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let delay = 25;
  let lastError = '';
  let aliveCheckedAt = 0;
  for (;;) {
    if (signal?.aborted) throw new LabError('RUN_ABORTED', `stopped while waiting for ${target.name}`);
    try {
      if (await probeOnce(target, wait)) return Date.now() - started;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() - started > timeout) {
      throw new LabError(
        'CONTAINER_FAILED',
        `${target.name} was not ready after ${Math.round(timeout / 1000)} s (${describe(wait)})`,
        true,
        lastError,
      );
    }
    // Asking the engine whether it still runs costs a round trip: at most every 250 ms.
    const aliveCheckDue = Date.now() - aliveCheckedAt >= 250;
    if (aliveCheckDue) aliveCheckedAt = Date.now();
    if (aliveCheckDue && !(await target.isRunning())) {
      const tail = await target.lastLog?.(LOG_LINES_QUOTED).catch(() => [] as string[]);
      throw new LabError(
        'CONTAINER_FAILED',
        `${target.name} exited while starting (${describe(wait)})` +
          (tail?.length ? `; its last log lines:\n  ${tail.join('\n  ')}` : '; see its log'),
        true,
        lastError,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, maxDelay(wait));
  }
}

/**
 * The longest pause between two probes. A probe over the network (a local HTTP request or a
 * TCP connect) costs well under a millisecond, so it is repeated every 50 ms at most: the lab
 * notices readiness within 50 ms. An exec or a log read goes through the engine: 250 ms.
 */
function maxDelay(w: WaitStrategy): number {
  if (w.kind === 'http' || w.kind === 'port') return 50;
  return w.kind === 'kafka' ? 100 : 250; // a metadata request: a connection and two requests
}

function describe(w: WaitStrategy): string {
  switch (w.kind) {
    case 'http':
      return `waiting for HTTP ${w.status ?? 200} on :${w.port}${w.path}`;
    case 'log':
      return `waiting for log line /${w.pattern}/`;
    case 'exec':
      return `waiting for '${w.cmd.join(' ')}' to succeed`;
    case 'port':
      return `waiting for TCP :${w.port}`;
    case 'kafka':
      return `waiting for Kafka to answer a metadata request on :${w.port}`;
    default:
      return 'no wait';
  }
}

async function probeOnce(target: WaitTarget, w: WaitStrategy): Promise<boolean> {
  switch (w.kind) {
    case 'http': {
      const ep = target.endpoint(w.port);
      const r = await httpGet(ep, w.path, 2000);
      if (r.status !== (w.status ?? 200)) return false;
      if (!w.match) return true;
      return (r.body.match(new RegExp(w.match.pattern, 'g'))?.length ?? 0) >= w.match.count;
    }
    case 'port':
      return tcpOpen(target.endpoint(w.port), 1000);
    case 'kafka':
      return kafkaAnswers(target.endpoint(w.port), 1000);
    case 'log': {
      const buf = (await target.container.logs({
        stdout: true,
        stderr: true,
        tail: 500,
      })) as unknown as Buffer;
      return new RegExp(w.pattern).test(demuxExecOutput(buf).text);
    }
    case 'exec': {
      const exec = await target.container.exec({ Cmd: w.cmd, AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({ hijack: true, stdin: false });
      await new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
        stream.resume();
      });
      const info = await exec.inspect();
      return info.ExitCode === 0;
    }
    default:
      return true;
  }
}

export function httpGet(
  ep: Endpoint,
  path: string,
  timeoutMs: number,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: ep.host, port: ep.port, path, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

export function tcpOpen(ep: Endpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: ep.host, port: ep.port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
  });
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener on the signal. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
