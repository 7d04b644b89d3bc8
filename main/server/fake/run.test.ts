import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/events';
import { FakeRun } from './run';

function play(
  params: Record<string, number | string>,
  schedule: ConstructorParameters<typeof FakeRun>[0]['schedule'] = [],
): RunEvent[] {
  const run = new FakeRun({
    runId: 'r1',
    scenario: 'split-stores',
    params,
    seed: 7,
    startedAt: new Date(0),
    schedule,
  });
  run.sim.advance(Infinity);
  expect(run.status).toBe('completed');
  return run.events;
}

const of = <T extends RunEvent['type']>(events: RunEvent[], type: T) =>
  events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type);

describe('FakeRun', () => {
  it('records a whole run: topology, probe samples every 250 ms per store, ops, a verdict, the end', () => {
    const events = play({ rate: 10, durationS: 10, mode: 'file', readEvery: 5 });
    expect(events[0].type).toBe('meta');
    expect(of(events, 'topology')[0].containers.map((c) => c.name)).toEqual(['lb', 'order-1', 'order-2']);
    const samples = of(events, 'sample').filter((s) => s.store === 'order-1');
    expect(samples.length).toBeGreaterThanOrEqual(40);
    expect(samples[1].t - samples[0].t).toBe(250);
    const oks = of(events, 'op').filter((e) => e.op.type === 'ok' && e.op.f === 'add');
    expect(oks.length).toBeGreaterThan(60);
    const verdict = of(events, 'verdict')[0].verdict;
    // Round robin splits the orders: no store holds them all.
    expect(verdict.valid).toBe(false);
    expect(verdict.anomalies['split-data']).toBeGreaterThan(0);
    expect(verdict.anomalies.lost).toBe(0);
    expect(events.at(-1)?.type).toBe('end');
  });

  it('a kill in memory mode loses the acknowledged orders of that instance', () => {
    const events = play({ rate: 10, durationS: 10, mode: 'memory' }, [
      { at: 5000, fault: { kind: 'kill', target: 'order-2' } },
    ]);
    const faults = of(events, 'fault');
    expect(faults.map((f) => `${f.request.kind}:${f.state}`)).toEqual([
      'kill:requested',
      'kill:applied',
      'start:requested',
      'start:applied',
      'kill:healed',
    ]);
    expect(
      of(events, 'container').some((c) => c.name === 'order-2' && c.action === 'die' && c.exitCode === 137),
    ).toBe(true);
    expect(of(events, 'sample').some((s) => s.store === 'order-2' && s.rows === null)).toBe(true);
    expect(of(events, 'verdict')[0].verdict.anomalies.lost).toBeGreaterThan(0);
  });

  it('refuses a fault on a container that is not in the topology', () => {
    const run = new FakeRun({
      runId: 'r1',
      scenario: 'split-stores',
      params: {},
      seed: 1,
      startedAt: new Date(0),
    });
    run.sim.advance(1000);
    expect(() => run.fault({ kind: 'kill', target: 'nope' })).toThrow(/no container "nope"/);
  });

  it('stop ends the run as aborted and removes every container', () => {
    const run = new FakeRun({
      runId: 'r1',
      scenario: 'split-stores',
      params: {},
      seed: 1,
      startedAt: new Date(0),
    });
    run.sim.advance(2000);
    run.fault({ kind: 'pause', target: 'order-1' });
    run.sim.advance(2500);
    run.stop();
    run.sim.advance(Infinity);
    expect(run.status).toBe('aborted');
    const destroyed = of(run.events, 'container')
      .filter((c) => c.action === 'destroy')
      .map((c) => c.name);
    expect(destroyed.sort()).toEqual(['lb', 'order-1', 'order-2']);
    expect(of(run.events, 'fault').some((f) => f.request.kind === 'unpause' && f.state === 'applied')).toBe(
      true,
    );
  });
});
