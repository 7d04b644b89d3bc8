// `chaoslab run FILE` as a CI job runs it, on real containers: --junit (one testcase per
// check), --quiet (nothing but the result lines), --json (one JSON object per line, the
// result last), and the exit code of the verdict.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseXml, elements } from './xml-lite.fixture';

const bin = path.resolve(__dirname, '../../bin/chaoslab.mjs');
const example = path.resolve(__dirname, '../../examples/split-stores.yaml');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-ci-'));

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHAOSLAB_RUNS_DIR: root },
    timeout: 300_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('chaoslab run FILE in CI, on real containers', () => {
  it('--junit --quiet: exit 1 (invalid), the result lines only, one testcase per check', () => {
    const junit = path.join(root, 'reports', 'junit.xml');
    const out = path.join(root, 'quiet-run');
    const r = cli(['run', example, '--junit', junit, '--quiet', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(
      r.out
        .trim()
        .split('\n')
        .map((l) => l.split(':')[0]),
    ).toEqual(['status', 'verdict', 'anomalies', 'steady state', 'stores', 'ops', 'report', 'junit']);
    expect(r.out).toMatch(/^status: {2}completed$/m);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
    const root_ = parseXml(fs.readFileSync(junit, 'utf8'));
    const [suite] = elements(root_, 'testsuite');
    expect(suite.attrs.name).toBe('chaoslab.split-stores-file');
    const cases = elements(suite, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(
      report.verdict.checks.map((c: { name: string }) => c.name),
    );
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'store-counts',
      'split-data',
      'read-your-writes',
      'lost-writes',
      'convergence',
      'steady-state',
    ]);
    const failing = cases.filter((c) => elements(c, 'failure').length).map((c) => c.attrs.name);
    expect(failing).toEqual(['split-data', 'read-your-writes']);
    expect(Number(suite.attrs.failures)).toBe(2);
    expect(Number(suite.attrs.errors)).toBe(0);
  });

  it('--json: every stdout line is one JSON object, the run events in order, the result last', () => {
    const r = cli(['run', example, '--json', '--out', path.join(root, 'json-run')]);
    expect(r.code).toBe(1);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; phase?: string; [k: string]: unknown });
    expect(lines[0].type).toBe('meta');
    const phases = lines.filter((l) => l.type === 'phase').map((l) => l.phase);
    expect(phases).toEqual(['images', 'starting', 'running', 'quiesce', 'final-read', 'check', 'teardown']);
    expect(lines.some((l) => l.type === 'sample')).toBe(false); // samples stay in run.jsonl
    const last = lines[lines.length - 1];
    expect(last).toMatchObject({
      type: 'result',
      status: 'completed',
      exitCode: 1,
      scenario: 'split-stores-file',
      verdict: { valid: false },
    });
    expect((last.stores as { rows: number }[]).map((s) => s.rows).sort()).toEqual([2, 3]);
  });
});
