// The lab's own resilience on a real engine: a container killed outside the lab is recorded
// as an external fault; a lab process killed with SIGKILL leaves a readable log, and the next
// start reaps its containers and closes the run as aborted; `report` re-renders it.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Lab } from './lab';
import { managedFilter } from './docker/labels';
import { readRunLog } from './run-store';
import { rerenderReport } from './reports/rerender';
import type { RunEvent } from './events';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');

describe('lab resilience on real containers', () => {
  it('records a container killed with the Docker API (outside the lab) as an external fault', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-ext-'));
    const lab = new Lab({ runsDir: root });
    let killed = false;
    const run = lab.startRun(
      'split-stores',
      { orders: '12', intervalMs: '250', reads: '2' },
      {
        onEvent: (e: RunEvent) => {
          if (e.type === 'op' && e.op.type === 'ok' && e.op.f === 'add' && !killed) {
            killed = true;
            const topo = run.events.find(
              (x) => x.type === 'topology' && x.containers.every((c) => c.containerId),
            );
            const id =
              topo?.type === 'topology'
                ? topo.containers.find((c) => c.name === 'order-1')?.containerId
                : undefined;
            if (id) void lab.docker.getContainer(id).kill({ signal: 'SIGKILL' });
          }
        },
      },
    );
    const r = await run.done;
    expect(killed).toBe(true);
    const external = r.report.faults.filter((f) => f.source === 'external' && f.target === 'order-1');
    expect(external.length).toBeGreaterThan(0);
    expect(external[0].kind).toBe('kill');
    // The lab restarted it in the final phase and finished with a verdict, not a crash.
    expect(r.status).toBe('completed');
    expect(r.verdict).not.toBeNull();
    expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);
  });

  it('after kill -9 of the CLI mid-run: readable log, containers reaped at next start, run marked aborted', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-crash-'));
    const out = path.join(root, 'crashed');
    const child = spawn(
      process.execPath,
      [bin, 'run', 'split-stores', '--set', 'orders=200', '--set', 'intervalMs=100', '--out', out],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, CHAOSLAB_RUNS_DIR: root },
      },
    );
    // Wait until the workload runs, then SIGKILL the lab.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the run never reached the running phase')), 120_000);
      child.stderr.on('data', (d: Buffer) => {
        if (/phase running/.test(d.toString())) {
          clearTimeout(timer);
          setTimeout(resolve, 800);
        }
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const before = readRunLog(out);
    const meta = before.events.find((e) => e.type === 'meta');
    expect(meta?.type).toBe('meta');
    expect(before.events.some((e) => e.type === 'end')).toBe(false);
    expect(before.events.filter((e) => e.type === 'op').length).toBeGreaterThan(0);
    const runId = meta?.type === 'meta' ? meta.runId : '';
    const lab = new Lab({ runsDir: root });
    expect(
      (await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length,
    ).toBeGreaterThan(0);

    await lab.init(); // the next start

    expect((await lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(0);
    const after = readRunLog(out);
    const end = after.events.find((e) => e.type === 'end');
    expect(end?.type === 'end' && end.status).toBe('aborted');
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    expect(report.status).toBe('aborted');
    expect(report.verdict.valid).toBe('unknown');
    // `chaoslab report` re-renders it, still aborted.
    fs.rmSync(path.join(out, 'report.html'));
    expect(rerenderReport(out).status).toBe('aborted');
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toMatch(/aborted/i);
  });
});
