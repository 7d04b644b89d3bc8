// The CLI as a user meets it: bad input gets one clear line and exit code 3, before any
// container is touched.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('chaoslab CLI', () => {
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

  it('Docker not running: exit 3 and one line naming the fix', () => {
    const r = cli(['run', 'split-stores'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(r.code).toBe(3);
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Docker engine not reachable at unix:\/\/\/nonexistent\/docker.sock: .*DOCKER_HOST/);
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
});
