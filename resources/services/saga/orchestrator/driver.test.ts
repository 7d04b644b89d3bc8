import { describe, it, expect } from 'vitest';
import { driveSaga, type DriverDeps, type LogEntry, type SagaLog } from './driver';
import type { Saga } from './steps';
import type { PeerResult } from '../peer';

/** The saga log in memory, with the same guarded advance as the PostgreSQL one. */
function memoryLog(s: Saga): SagaLog & { saga: Saga; entries: LogEntry[] } {
  const m = {
    saga: { ...s },
    entries: [] as LogEntry[],
    async load(id: string) {
      return id === m.saga.id ? { ...m.saga } : null;
    },
    async advance(
      _id: string,
      from: { state: string; next: number },
      to: Saga | { state: Saga['state']; next: number; failedStep?: string; reason?: string },
      entry: LogEntry | null,
    ) {
      if (m.saga.state !== from.state || m.saga.next !== from.next) return false;
      m.saga = { ...m.saga, state: to.state, next: to.next };
      if ('failedStep' in to && to.failedStep) m.saga.failedStep = to.failedStep;
      if (entry) m.entries.push(entry);
      return true;
    },
  };
  return m;
}

const saga: Saga = {
  id: 's1',
  product: 'p1',
  qty: 2,
  amount: 20,
  user: 'u',
  state: 'running',
  next: 0,
  failedStep: null,
  reason: null,
};

function deps(
  log: SagaLog,
  answer: (step: string, attempt: number) => PeerResult,
  extra: Partial<DriverDeps> = {},
): DriverDeps & { calls: string[]; points: string[] } {
  const attempts = new Map<string, number>();
  const d = {
    calls: [] as string[],
    points: [] as string[],
    log,
    async call(_service: string, step: string) {
      d.calls.push(step);
      const n = (attempts.get(step) ?? 0) + 1;
      attempts.set(step, n);
      return answer(step, n);
    },
    async reach(point: string) {
      d.points.push(point);
    },
    async sleep() {},
    stopped: () => false,
    ...extra,
  };
  return d;
}

const ok: PeerResult = { kind: 'ok', status: 200, body: {} };
const declined = (reason: string): PeerResult => ({ kind: 'declined', status: 409, body: {}, reason });

describe('driveSaga', () => {
  it('runs every step in order and completes', async () => {
    const log = memoryLog(saga);
    const d = deps(log, () => ok);
    expect(await driveSaga('s1', d)).toBe('completed');
    expect(d.calls).toEqual(['create-order', 'reserve', 'charge', 'ship', 'commit-stock', 'confirm-order']);
    expect(d.points).toEqual(d.calls.map((c) => `after-${c}`));
    expect(log.entries.every((e) => e.phase === 'do' && e.outcome === 'ok')).toBe(true);
  });

  it('a declined charge undoes reserve and create-order, newest first', async () => {
    const log = memoryLog(saga);
    const d = deps(log, (step) => (step === 'charge' ? declined('card declined') : ok));
    expect(await driveSaga('s1', d)).toBe('compensated');
    expect(d.calls).toEqual(['create-order', 'reserve', 'charge', 'release', 'cancel-order']);
    expect(log.saga.failedStep).toBe('charge');
  });

  it('a failed shipment refunds, releases and cancels', async () => {
    const log = memoryLog(saga);
    const d = deps(log, (step) => (step === 'ship' ? declined('address not deliverable') : ok));
    expect(await driveSaga('s1', d)).toBe('compensated');
    expect(d.calls.slice(4)).toEqual(['refund', 'release', 'cancel-order']);
  });

  it('an unknown outcome is retried, never compensated', async () => {
    const log = memoryLog(saga);
    const d = deps(log, (step, n) =>
      step === 'reserve' && n < 3 ? { kind: 'unknown', error: 'timed out' } : ok,
    );
    expect(await driveSaga('s1', d)).toBe('completed');
    expect(d.calls.filter((c) => c === 'reserve')).toHaveLength(3);
    expect(d.calls).not.toContain('release');
  });

  it('resumes from the logged position: a restart re-sends only the step it had not logged', async () => {
    // Killed at after-charge: reserve was logged (next = 2), charge was not.
    const log = memoryLog({ ...saga, next: 2 });
    const d = deps(log, () => ok);
    expect(await driveSaga('s1', d)).toBe('completed');
    expect(d.calls).toEqual(['charge', 'ship', 'commit-stock', 'confirm-order']);
  });

  it('resumes a compensation where it stopped', async () => {
    const log = memoryLog({ ...saga, state: 'compensating', next: 0, failedStep: 'charge' });
    const d = deps(log, () => ok);
    expect(await driveSaga('s1', d)).toBe('compensated');
    expect(d.calls).toEqual(['cancel-order']);
  });

  it('stops without logging when the process stops', async () => {
    const log = memoryLog(saga);
    let stop = false;
    const d = deps(
      log,
      () => {
        stop = true;
        return { kind: 'unreachable', error: 'ECONNREFUSED' };
      },
      { stopped: () => stop },
    );
    expect(await driveSaga('s1', d)).toBeNull();
    expect(log.entries).toEqual([]);
  });

  it('a terminal saga is left alone', async () => {
    const log = memoryLog({ ...saga, state: 'completed', next: 6 });
    const d = deps(log, () => ok);
    expect(await driveSaga('s1', d)).toBe('completed');
    expect(d.calls).toEqual([]);
  });
});
