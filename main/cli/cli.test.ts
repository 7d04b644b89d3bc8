// The CLI as a user meets it: bad input gets one clear line and exit code 3, before any
// container is touched.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseXml, elements } from './xml-lite.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const examples = path.resolve(__dirname, '../../examples');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-cli-'));
const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
const BAD = `services:
  order: {instances: 2, store: memory}
loadBalancer: {kind: haproxy}
workload: {orders: 5, reads: 4, intervalMs: 200}
faults:
  - at: 450
    kind: explode
    target: order-2
checks: [split-data]
`;
const badFile = path.join(tmp, 'bad.yaml');
fs.writeFileSync(badFile, BAD);

function jsonLines(out: string): Record<string, unknown>[] {
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each case spawns the CLI (tsx compiles on start): seconds each on a loaded machine.
describe('chaoslab CLI', { timeout: 60_000 }, () => {
  it('list shows split-stores with its knobs', () => {
    const r = cli(['list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/split-stores/);
    expect(r.out).toMatch(/instances: an integer from 2 to 5/);
  });

  it('an unknown scenario lists the valid ids', () => {
    const r = cli(['run', 'no-such-thing']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/unknown scenario 'no-such-thing'. Valid ids: .*split-stores/);
  });

  it('a bad --set names the knob and its allowed values', () => {
    const r = cli(['run', 'split-stores', '--set', 'storeMode=disk']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/storeMode: one of memory \| file/);
  });

  it('a network fault on a container with no Toxiproxy in front is refused before anything starts', () => {
    const r = cli(['run', 'composition-vs-cqrs', '--fault', 'latency:details=500@1000']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no Toxiproxy|has none in front of details \(they reach: product\)/);
  });

  it('Docker not running: exit 3 and one line naming the fix', () => {
    const r = cli(['run', 'split-stores'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(r.code).toBe(3);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /Docker engine not reachable at unix:\/\/\/nonexistent\/docker.sock: .*DOCKER_HOST/,
    );
  });

  it('doctor says the engine is not reachable', () => {
    const r = cli(['doctor'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/NOT reachable/);
  });

  it('an unknown command prints the usage', () => {
    const r = cli(['explode']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/unknown command 'explode'[\s\S]*usage: chaoslab/);
  });

  it('validate: the examples are valid (exit 0)', () => {
    const r = cli([
      'validate',
      path.join(examples, 'split-stores.yaml'),
      path.join(examples, 'split-stores-kill.yaml'),
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok .*split-stores\.yaml: split-stores-file \(3 containers/m);
    expect(r.out).toMatch(/^ok .*split-stores-kill\.yaml: split-stores-kill .*steady-state\)$/m);
  });

  it('validate: a malformed file names its line, column and path (exit 1)', () => {
    const r = cli(['validate', badFile]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${badFile}:7:11: faults[0].kind: expected one of "kill"|"stop"`);
    expect(r.out).toMatch(/got "explode"/);
  });

  it('validate: a file that does not exist (exit 3)', () => {
    const r = cli(['validate', path.join(tmp, 'none.yaml')]);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/none\.yaml: no such file/);
  });

  it('validate --json: one JSON object per line, the result last', () => {
    const r = cli(['validate', badFile, path.join(examples, 'split-stores.yaml'), '--json']);
    expect(r.code).toBe(1);
    const lines = jsonLines(r.out);
    expect(lines.map((l) => l.type)).toEqual(['file', 'file', 'result']);
    expect(lines[0]).toMatchObject({
      valid: false,
      issues: [{ line: 7, column: 11, path: 'faults[0].kind' }],
    });
    expect(lines[2]).toMatchObject({ type: 'result', valid: false, exitCode: 1, files: 2, invalid: 1 });
  });

  it('run FILE: a malformed file stops before Docker, naming line and path (exit 3)', () => {
    const r = cli(['run', badFile], NO_DOCKER);
    expect(r.code).toBe(3);
    expect(r.err).toContain(`${badFile}:7:11: faults[0].kind:`);
    expect(r.err).not.toMatch(/Docker/);
  });

  it('run --fault on a container the scenario does not have', () => {
    const r = cli(['run', path.join(examples, 'split-stores.yaml'), '--fault', 'kill:order-9'], NO_DOCKER);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no container 'order-9' in split-stores-file \(containers: order-1, order-2, lb\)/);
  });

  it('run --junit: a run that could not start still leaves a JUnit file with an error case', () => {
    const junit = path.join(tmp, 'ci', 'junit.xml');
    const r = cli(['run', path.join(examples, 'split-stores.yaml'), '--junit', junit], NO_DOCKER);
    expect(r.code).toBe(3);
    const cases = elements(parseXml(fs.readFileSync(junit, 'utf8')), 'testcase');
    expect(cases).toHaveLength(1);
    expect(elements(cases[0], 'error')[0].attrs.message).toMatch(/Docker engine not reachable/);
  });

  it('run --json: stdout holds only JSON lines, the last one the result', () => {
    const r = cli(['run', 'split-stores', '--json'], NO_DOCKER);
    expect(r.code).toBe(3);
    const lines = jsonLines(r.out);
    expect(lines[lines.length - 1]).toMatchObject({
      type: 'result',
      ok: false,
      exitCode: 3,
      error: { code: 'DOCKER_UNAVAILABLE' },
    });
  });

  it('--json on a usage error: still a JSON result line', () => {
    const r = cli(['run', 'split-stores', '--bogus', '--json']);
    expect(r.code).toBe(3);
    expect(jsonLines(r.out).pop()).toMatchObject({
      type: 'result',
      exitCode: 3,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('run --quiet: nothing on stdout but results, one line on stderr for the error', () => {
    const r = cli(['run', 'split-stores', '--quiet'], NO_DOCKER);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
