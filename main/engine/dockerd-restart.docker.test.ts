// dockerd restarted mid-run: the lab notices its event stream broke, reconnects, records
// the gap in run.jsonl, and ends the run as unknown (exit code 2, or 3 if the run could not
// finish) rather than inventing a verdict. Done on a SECOND engine on a loopback TCP port
// (cli/second-engine.fixture.ts): the main engine is never stopped. Needs root and dockerd.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { connectDocker } from './docker/connection';
import { ensureBaseImage, ensureImages, BASE_IMAGE } from './docker/images';
import { managedFilter } from './docker/labels';
import { SecondEngine, secondEngineRunnable, docker0Exists } from '../cli/second-engine.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const example = path.resolve(__dirname, '../../examples/split-stores.yaml');

const engine = new SecondEngine();
// The host's docker0 must be as the test found it (it may already be missing on a host
// where something else removed it: then there is nothing to protect).
const docker0Before = secondEngineRunnable && docker0Exists();

beforeAll(async () => {
  if (!secondEngineRunnable) return;
  // A short shutdown timeout: dockerd stops the run's containers when it goes down.
  await engine.start(['--shutdown-timeout=3']);
  const first = connectDocker();
  await ensureBaseImage(first);
  const tags = await ensureImages(first, ['service', 'haproxy'], () => undefined);
  engine.load([BASE_IMAGE, tags.service, tags.haproxy]);
}, 600_000);

afterAll(async () => {
  if (!secondEngineRunnable) return;
  try {
    // Anything the lab left on the second engine, removed before the engine goes.
    const left = await engine.docker.listContainers({ all: true, filters: managedFilter() }).catch(() => []);
    for (const c of left)
      await engine.docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => undefined);
  } finally {
    await engine.cleanup();
  }
  expect(docker0Exists()).toBe(docker0Before);
}, 180_000);

describe.skipIf(!secondEngineRunnable)('dockerd restarted mid-run', () => {
  it('records the engine gap and ends the run as unknown, leaving nothing behind', async () => {
    const file = path.join(engine.root, 'long-split-stores.yaml');
    fs.writeFileSync(
      file,
      fs
        .readFileSync(example, 'utf8')
        .replace(/orders: 5 /, 'orders: 100 ')
        .replace(/intervalMs: 200/, 'intervalMs: 150'),
    );
    const out = path.join(engine.root, 'run');
    const child = spawn(process.execPath, [bin, 'run', file, '--json', '--out', out], {
      env: { ...process.env, DOCKER_HOST: engine.host, CHAOSLAB_RUNS_DIR: path.join(engine.root, 'runs') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let restarted: Promise<void> | undefined;
    let restartStarted = 0;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Three seconds into the workload: restart the second dockerd.
      if (!restarted && /"type":"phase"[^\n]*"phase":"running"/.test(stdout)) {
        restarted = new Promise<void>((r) => setTimeout(r, 3000)).then(() => {
          restartStarted = Date.now();
          return engine.restart();
        });
      }
    });
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 420_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(restarted, `the run never reached the running phase:\n${stderr.slice(-2000)}`).toBeDefined();
    await restarted;
    expect(restartStarted).toBeGreaterThan(0);

    const lines = stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const result = lines[lines.length - 1];
    expect(result.type, stderr.slice(-2000)).toBe('result');
    expect([2, 3]).toContain(exitCode);
    expect(['completed', 'error']).toContain(result.status);
    expect(result.exitCode).toBe(exitCode);
    if (result.status === 'completed') {
      expect(exitCode).toBe(2);
      expect(result.verdict).toMatchObject({ valid: 'unknown', anomalies: { 'engine-gap': 1 } });
    } else {
      expect(exitCode).toBe(3);
    }

    // run.jsonl records the gap: the break, then the reconnect with its duration.
    const runId = String(result.runId);
    const events = fs
      .readFileSync(path.join(out, 'run.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; level?: string; message?: string; verdict?: unknown });
    const gapLogs = events.filter((e) => e.type === 'log' && e.message?.startsWith('engine-gap:'));
    expect(gapLogs.map((e) => e.message).join('\n')).toMatch(/engine-gap: lost the Docker event stream/);
    expect(gapLogs.map((e) => e.message).join('\n')).toMatch(
      /engine-gap: the Docker event stream was gone for \d+ ms/,
    );
    expect(gapLogs.every((e) => e.level === 'warn')).toBe(true);
    const verdicts = events.filter((e) => e.type === 'verdict');
    for (const v of verdicts) expect(v.verdict).toMatchObject({ valid: 'unknown' });

    // Nothing labelled left on the second engine (the next start reaps it, as here), none on the first.
    const left = await engine.docker.listContainers({ all: true, filters: managedFilter() });
    expect(left.map((c) => c.Names)).toEqual([]);
    expect((await engine.docker.listNetworks({ filters: managedFilter(runId) })).length).toBe(0);
    expect((await connectDocker().listContainers({ all: true, filters: managedFilter(runId) })).length).toBe(
      0,
    );
    expect(docker0Exists()).toBe(docker0Before);
    console.log(
      `dockerd restart: status ${String(result.status)}, exit ${exitCode}, ${gapLogs.map((e) => e.message).join(' | ')}`,
    );
  });
});
