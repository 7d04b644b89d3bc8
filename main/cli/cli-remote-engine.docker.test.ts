// A second Docker engine reached over DOCKER_HOST=tcp://127.0.0.1:PORT: the whole run
// (images present there, containers, workload, probes, faults, teardown) happens on that
// engine, none of it on the default one. Needs root and a dockerd binary; skipped otherwise.
//
// The second engine is cli/second-engine.fixture.ts's: its own bridge, data-root and
// address pool, --iptables=false (two engines must not both manage the DOCKER chains), and,
// where the FORWARD policy drops bridged traffic, a DOCKER-USER accept for its pool, removed
// afterwards.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { connectDocker } from '../engine/docker/connection';
import { managedFilter } from '../engine/docker/labels';
import {
  SecondEngine,
  secondEngineRunnable as runnable,
  docker0Exists,
  expectSplitStoresResult,
} from './second-engine.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const example = path.resolve(__dirname, '../../examples/split-stores.yaml');

const engine = new SecondEngine();
let root = '';

beforeAll(async () => {
  if (!runnable) return;
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-remote-'));
  await engine.start();
  await engine.loadSplitStoresImages();
}, 600_000);

afterAll(async () => {
  if (!runnable) return;
  await engine.cleanup();
  fs.rmSync(root, { recursive: true, force: true });
}, 120_000);

describe.skipIf(!runnable)('a second engine over DOCKER_HOST=tcp://127.0.0.1:PORT', () => {
  it('leaves the main engine’s docker0 bridge alone', () => {
    expect(docker0Exists()).toBe(true);
  });

  it('runs examples/split-stores.yaml end to end there: same verdict and counts, nothing left on either engine', async () => {
    const r = spawnSync(process.execPath, [bin, 'run', example, '--json', '--out', path.join(root, 'run')], {
      encoding: 'utf8',
      env: {
        ...process.env,
        DOCKER_HOST: engine.host,
        CHAOSLAB_RUNS_DIR: path.join(root, 'runs'),
      },
      timeout: 300_000,
    });
    const { lines, result } = expectSplitStoresResult(r.stdout, r.stderr);
    const runId = String(result.runId);
    // Everything happened on the second engine, and it is all gone.
    const created = lines.filter((l) => l.type === 'container' && l.action === 'create').length;
    expect(created).toBe(3);
    expect((await engine.docker.listContainers({ all: true })).length).toBe(0);
    expect((await engine.docker.listNetworks({ filters: managedFilter(runId) })).length).toBe(0);
    expect((await connectDocker().listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(
      0,
    );
  });
});
