import { describe, expect, it } from 'vitest';
import { buildReport } from './report-json';
import { sampleRun } from './sample-run.fixture';
import type { RunEvent } from '../events';

describe('buildReport', () => {
  it('fills the report.json contract from a completed run', () => {
    const run = sampleRun();
    const r = buildReport(run.events, run.verdict, run.finalStores);
    expect(r).toMatchObject({
      runId: 'split-stores-20260101-120000-ab12',
      scenario: 'split-stores',
      params: { orders: 5, storage: 'memory' },
      seed: 7,
      startedAt: '2026-01-01T12:00:00.000Z',
      endedAt: '2026-01-01T12:00:07.000Z',
      durationMs: 7000,
      status: 'completed',
      ops: { invoked: 11, ok: 10, fail: 0, info: 1 },
      faults: [{ kind: 'kill', target: 'order-2', at: 2000, until: 4000, source: 'lab', healedBy: 'lab' }],
      convergence: { afterLastFaultMs: null },
    });
    expect(r.verdict.valid).toBe(false);
    expect(Object.keys(r.verdict)).toEqual(['valid', 'anomalies', 'examples', 'checks']);
    expect(r.verdict.anomalies['lost-write']).toBe(2);
    expect(r.stores).toEqual([
      { name: 'order-1', rows: 2, ids: ['o1', 'o3'], available: true },
      { name: 'order-2', rows: 0, ids: [], available: true },
    ]);
    // Plain data: survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('calls a log with no end event aborted, and still reports what was recorded', () => {
    const run = sampleRun({ withEnd: false });
    const cut = run.events.filter((e) => e.t < 3000 && e.type !== 'verdict' && e.type !== 'snapshot');
    const r = buildReport(cut, null, null);
    expect(r.status).toBe('aborted');
    expect(r.verdict).toEqual({ valid: 'unknown', anomalies: {}, examples: {}, checks: [] });
    expect(r.stores).toEqual([]);
    expect(r.faults).toEqual([
      { id: 'f1', kind: 'kill', target: 'order-2', at: 2000, until: null, source: 'lab' },
    ]);
    expect(r.durationMs).toBe(Math.max(...cut.map((e) => e.t)));
    expect(r.endedAt).toBe(new Date(Date.parse('2026-01-01T12:00:00.000Z') + r.durationMs).toISOString());
  });

  it('falls back to the recorded verdict and the final snapshot when none are given', () => {
    const run = sampleRun();
    const r = buildReport(run.events, null, []);
    expect(r.verdict).toEqual(run.verdict);
    expect(r.stores.map((s) => s.rows)).toEqual([2, 0]);
  });

  it('copes with an empty log and carries the error of a failed run', () => {
    expect(buildReport([], null, null)).toMatchObject({
      scenario: 'unknown',
      status: 'aborted',
      runId: null,
      durationMs: 0,
    });
    const ev: RunEvent[] = [
      {
        type: 'end',
        t: 5,
        status: 'error',
        endedAt: '2026-01-01T00:00:00.005Z',
        error: 'DOCKER_UNAVAILABLE',
      },
    ];
    expect(buildReport(ev, null, null)).toMatchObject({ status: 'error', error: 'DOCKER_UNAVAILABLE' });
  });

  it('includes what the scenario expected when told', () => {
    const run = sampleRun();
    const r = buildReport(run.events, run.verdict, run.finalStores, {
      expected: { valid: false, anomalies: ['lost-write'] },
    });
    expect(r.expected).toEqual({ valid: false, anomalies: ['lost-write'] });
  });
});
