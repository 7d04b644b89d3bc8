// Experiment files on real containers: examples/split-stores.yaml gives the verdict and the
// counts the built-in split-stores gives; split-stores-kill.yaml also reports its
// steady-state hypothesis (met before the kill and after recovery).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../lab';
import type { RunResult } from '../runner';
import { managedFilter } from '../docker/labels';
import { loadScenarioFile } from './load';
import { startScenarioRun } from './start-run';

const examples = path.resolve(__dirname, '../../../examples');
let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-file-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

function runFile(name: string): Promise<RunResult> {
  const l = loadScenarioFile(path.join(examples, name));
  return startScenarioRun(lab, l.definition, {}, { seed: l.seed }).done;
}

async function left(runId: string): Promise<number> {
  return (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
}

const rows = (r: RunResult) => r.report.stores.map((s) => s.rows).sort();

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LogLine = any;
function runLog(r: RunResult): LogLine[] {
  return fs
    .readFileSync(path.join(r.dir, 'run.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** What order-2 held right before the kill, from the run's own log. */
function heldBeforeKill(r: RunResult): number {
  const snap = runLog(r).find((e) => e.type === 'snapshot' && e.reason === 'before kill order-2');
  return snap.stores.find((s: { name: string }) => s.name === 'order-2').ids.length;
}

/** Orders acknowledged to the user. */
function ackedAdds(r: RunResult): number {
  return runLog(r).filter((e) => e.type === 'op' && e.op.f === 'add' && e.op.type === 'ok').length;
}

describe('experiment files on real containers', () => {
  it('examples/split-stores.yaml: the same verdict and counts as the built-in split-stores', async () => {
    const file = await runFile('split-stores.yaml');
    const builtin = await lab.startRun('split-stores', {}).done;
    for (const r of [file, builtin]) {
      expect(r.status).toBe('completed');
      expect(await left(r.runId)).toBe(0);
    }
    expect(file.report.scenario).toBe('split-stores-file');
    expect(file.report.params).toEqual({
      instances: 2,
      storeMode: 'memory',
      users: 1,
      orders: 5,
      reads: 4,
      intervalMs: 200,
    });
    expect(file.report.verdict.valid).toBe(false);
    expect(file.report.verdict.valid).toBe(builtin.report.verdict.valid);
    expect(file.exitCode).toBe(builtin.exitCode);
    expect(file.report.verdict.anomalies).toEqual(builtin.report.verdict.anomalies);
    expect(file.report.verdict.checks.map((c) => [c.name, c.valid])).toEqual(
      builtin.report.verdict.checks.map((c) => [c.name, c.valid]),
    );
    expect(rows(file)).toEqual([2, 3]);
    expect(rows(file)).toEqual(rows(builtin));
    expect(file.report.ops).toEqual(builtin.report.ops);
    expect(file.report.expected).toEqual(builtin.report.expected);
  });

  it('examples/split-stores-kill.yaml: the built-in kill’s verdict, plus the hypothesis met before and after', async () => {
    const file = await runFile('split-stores-kill.yaml');
    const builtin = await lab.startRun('split-stores', { fault: 'kill', orders: '10', downMs: '1500' }).done;
    for (const r of [file, builtin]) {
      expect(r.status).toBe('completed');
      expect(await left(r.runId)).toBe(0);
      // Lost writes are exactly what order-2 held when it was killed, and the stores hold
      // every other acknowledged order. (Which requests land while order-2 is down depends
      // on HAProxy's health checks: the per-store counts are timing, not the scenario.)
      expect(r.report.verdict.anomalies['lost-write']).toBe(heldBeforeKill(r));
      expect(r.report.verdict.anomalies['lost-write']).toBeGreaterThan(0);
      expect(rows(r).reduce((a, b) => a + b, 0)).toBe(ackedAdds(r) - heldBeforeKill(r));
    }
    expect(file.report.verdict.valid).toBe(false);
    expect(file.exitCode).toBe(builtin.exitCode);
    const { 'steady-state-deviation': deviations, ...anomalies } = file.report.verdict.anomalies;
    expect(deviations).toBe(0);
    expect(Object.keys(anomalies).sort()).toEqual(Object.keys(builtin.report.verdict.anomalies).sort());
    // The same ops, plus the two steady-state probes (process nemesis).
    expect(file.report.ops.invoked).toBe(builtin.report.ops.invoked + 2);
    const steady = file.report.verdict.checks.find((c) => c.name === 'steady-state')!;
    expect(steady.valid).toBe(true);
    expect(steady.summary).toMatch(
      /before faults: met \(order-1 \d+ ms, order-2 \d+ ms\); after recovery: met/,
    );
    // The rollback ran once the method was over, by the lab.
    const starts = runLog(file).filter(
      (e) =>
        e.type === 'fault' &&
        e.state === 'applied' &&
        e.request.kind === 'start' &&
        e.request.target === 'order-2',
    );
    expect(starts.map((e) => e.source)).toEqual(['lab', 'lab']); // the scheduled start, then the rollback
  });
});
