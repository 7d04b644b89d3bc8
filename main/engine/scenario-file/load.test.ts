// Experiment files as a user writes them: the examples load and plan exactly like the
// built-in scenario; a mistake names the file, the line and column, the path, what was
// expected and what was found.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadScenarioFile, validateScenarioText } from './load';
import { ScenarioFileError } from './issues';
import { splitStores } from '../../../scenarios/split-stores';
import { resolveParams } from '../params';
import { LabError } from '../errors';
import { STEADY_STATE_F } from './steady-state';

const examples = path.resolve(__dirname, '../../../examples');
const example = (name: string) => path.join(examples, name);
const builtin = (raw: Record<string, unknown>) =>
  splitStores.plan(resolveParams('split-stores', splitStores.knobs, raw), 1);

function issuesOf(text: string, file = 'exp.yaml') {
  try {
    validateScenarioText(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as ScenarioFileError).issues;
  }
  throw new Error('expected the file to be rejected');
}

const BASE = `version: 1
services:
  order:
    instances: 2
    store: memory
loadBalancer:
  kind: haproxy
workload:
  orders: 5
  reads: 4
  intervalMs: 200
faults:
  - at: 450
    kind: kill
    target: order-2
checks: [split-data, lost-writes]
`;

describe('examples/split-stores.yaml', () => {
  it('plans exactly what the built-in split-stores plans with its defaults', () => {
    const l = loadScenarioFile(example('split-stores.yaml'));
    const a = l.definition.plan(l.params, 1);
    const b = builtin({});
    expect(a.containers).toEqual(b.containers);
    expect(a.stores).toEqual(b.stores);
    expect(a.links).toEqual(b.links);
    expect(a.schedule).toEqual(b.schedule);
    expect(a.checks.map((c) => c.name)).toEqual(b.checks.map((c) => c.name));
    expect([a.probeIntervalMs, a.quiesceMs]).toEqual([b.probeIntervalMs, b.quiesceMs]);
    expect(a.expected).toEqual(b.expected);
    expect(l.definition.id).toBe('split-stores-file');
    expect(l.params).toEqual({
      instances: 2,
      storeMode: 'memory',
      users: 1,
      orders: 5,
      reads: 4,
      intervalMs: 200,
    });
  });

  it('the file’s numbers are knobs: --set instances=3 plans three instances', () => {
    const l = loadScenarioFile(example('split-stores.yaml'));
    const p = resolveParams(l.definition.id, l.definition.knobs, { instances: '3', orders: '9' });
    const a = l.definition.plan(p, 1);
    const b = builtin({ instances: 3, orders: 9 });
    expect(a.containers).toEqual(b.containers);
    expect(a.schedule).toEqual(b.schedule);
  });
});

describe('examples/split-stores-kill.yaml', () => {
  it('has the built-in fault=kill schedule, plus the steady-state checks and the rollback', () => {
    const l = loadScenarioFile(example('split-stores-kill.yaml'));
    const a = l.definition.plan(l.params, 1);
    const b = builtin({ fault: 'kill', orders: 10, downMs: 1500 });
    const own = a.schedule.filter((s) => !('f' in s && s.f === STEADY_STATE_F));
    const rollback = own.filter((s) => 'fault' in s && s.at > 2400);
    expect(rollback).toEqual([
      { at: own[own.length - 1].at, process: 'nemesis', fault: { kind: 'start', target: 'order-2' } },
    ]);
    expect(own.filter((s) => !rollback.includes(s))).toEqual(b.schedule);
    const ss = a.schedule.filter((s) => 'f' in s && s.f === STEADY_STATE_F);
    expect(ss.map((s) => [s.at, s.process, (s as { value: { phase: string } }).value.phase])).toEqual([
      [0, 'nemesis', 'before'],
      [rollback[0].at + 1000, 'nemesis', 'after'],
    ]);
    expect(a.schedule[0]).toBe(ss[0]); // checked before anything else happens
    expect(a.checks.map((c) => c.name)).toEqual([...b.checks.map((c) => c.name), 'steady-state']);
    expect(a.expected).toEqual(b.expected);
  });
});

describe('a malformed file', () => {
  it('names the line, column, path, the expected value and what it found', () => {
    const text = BASE.replace('    kind: kill', '    kind: explode');
    const [i] = issuesOf(text);
    expect(i).toMatchObject({ file: 'exp.yaml', line: 14, column: 11, path: 'faults[0].kind' });
    expect(i.message).toMatch(/expected one of "kill"\|"stop".*got "explode"/);
  });

  it('a wrong type, a value out of range, an unknown key, a missing key: each on its own line', () => {
    const text = BASE.replace('reads: 4', 'reads: four')
      .replace('instances: 2', 'instances: 50')
      .replace('  intervalMs: 200\n', '  intervalMS: 200\n');
    const issues = issuesOf(text);
    const by = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(by['services.order.instances']).toMatchObject({
      line: 4,
      message: expect.stringMatching(/<=5, got 50/),
    });
    expect(by['workload.reads']).toMatchObject({ line: 10, message: 'expected number, got "four"' });
    expect(by['workload.intervalMS']).toMatchObject({
      line: 11,
      column: 3,
      message: expect.stringMatching(/unknown key 'intervalMS'/),
    });
    expect(by['workload.intervalMs']).toMatchObject({ line: 8, message: 'missing: expected number' });
    // The message carries all of them, in file order, as file:line:col: path: message.
    const err = (() => {
      try {
        validateScenarioText(text, 'exp.yaml');
      } catch (e) {
        return e as LabError;
      }
    })()!;
    expect(err.code).toBe('SCENARIO_INVALID');
    expect(err.message.split('\n')[0]).toMatch(/^exp\.yaml:4:16: services\.order\.instances: /);
  });

  it('a fault on a container the experiment does not have', () => {
    const [i] = issuesOf(BASE.replace('target: order-2', 'target: order-7'));
    expect(i).toMatchObject({ line: 15, path: 'faults[0].target' });
    expect(i.message).toMatch(
      /no container 'order-7' in this experiment: expected one of order-1, order-2, lb/,
    );
  });

  it('the same fault becomes invalid when --set takes the container away', () => {
    const l = validateScenarioText(
      BASE.replace('instances: 2', 'instances: 3').replace('target: order-2', 'target: order-3'),
      'exp.yaml',
    );
    const p = resolveParams(l.definition.id, l.definition.knobs, { instances: '2' });
    expect(() => l.definition.plan(p, 1)).toThrow(
      /exp\.yaml:15:13: faults\[0\]\.target: no container 'order-3'/,
    );
  });

  it('YAML syntax errors carry their line', () => {
    const [i] = issuesOf(BASE.replace('  orders: 5', '  orders: [5'));
    expect(i.message).toMatch(/^YAML syntax: /);
    expect(i.line).toBeGreaterThanOrEqual(9);
  });

  it('JSON syntax is checked as JSON, with its line', () => {
    const [i] = issuesOf('{\n  "version": 1,\n  services: {}\n}\n', 'exp.json');
    expect(i).toMatchObject({ file: 'exp.json', line: 3, column: 3 });
    expect(i.message).toMatch(/^JSON syntax: /);
  });

  it('an empty file, a list, a scalar', () => {
    expect(issuesOf('')[0].message).toMatch(/empty/);
    expect(issuesOf('- a\n- b\n')[0].message).toMatch(/expected a mapping of keys.*got a list/);
    expect(issuesOf('42\n')[0].message).toMatch(/got number/);
  });

  it('options of one check given to another, a check twice', () => {
    const issues = issuesOf(
      BASE.replace(
        'checks: [split-data, lost-writes]',
        'checks: [split-data, {name: lost-writes, withinMs: 10}, split-data]',
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['checks[1].withinMs', 'checks[2]']);
    expect(issues[0].message).toMatch(/only to the convergence check/);
  });

  it('nesting that would crash the YAML parser is refused before parsing (found by fuzzing)', () => {
    // 50,000 '[' or '- ' overflow the parser's stack and then exhaust the heap: a crash of the
    // whole process, not an exception.
    for (const text of ['faults: ' + '['.repeat(50_000) + ']'.repeat(50_000), '- '.repeat(50_000) + '1']) {
      const [i] = issuesOf(text);
      expect(i.message).toMatch(/nested more than 64 levels deep/);
      expect(i.line).toBe(1);
    }
    // Brackets in quoted strings and comments do not count.
    expect(() =>
      validateScenarioText(
        BASE.replace('version: 1', `version: 1 # ${'['.repeat(100)}\ntitle: "${'{'.repeat(100)}"`),
        'exp.yaml',
      ),
    ).not.toThrow();
  });

  it('a name that is a built-in id', () => {
    expect(issuesOf(`name: split-stores\n${BASE}`)[0]).toMatchObject({ line: 1, path: 'name' });
  });
});

describe('a file referencing a built-in scenario', () => {
  const REF = `scenario: split-stores
params:
  instances: 3
  storeMode: file
faults:
  - {at: 300, kind: pause, target: order-3, durationMs: 1000}
steadyState:
  probes: [{kind: stores-reachable}]
`;
  it('runs the built-in plan with its params, plus the faults and the hypothesis', () => {
    const l = validateScenarioText(REF, 'ref-test.yaml');
    expect(l.definition.id).toBe('ref-test');
    expect(l.params).toMatchObject({ instances: 3, storeMode: 'file', orders: 5 });
    const a = l.definition.plan(l.params, 1);
    const b = builtin({ instances: 3, storeMode: 'file' });
    expect(a.containers).toEqual(b.containers);
    expect(a.schedule.filter((s) => 'fault' in s)).toEqual([
      { at: 300, process: 'nemesis', fault: { kind: 'pause', target: 'order-3', durationMs: 1000 } },
    ]);
    expect(a.checks.map((c) => c.name)).toEqual([...b.checks.map((c) => c.name), 'steady-state']);
  });

  it('a bad param names its line and the knob’s allowed values', () => {
    const [i] = issuesOf(REF.replace('storeMode: file', 'storeMode: disk'));
    expect(i).toMatchObject({ line: 4, path: 'params.storeMode' });
    expect(i.message).toMatch(/storeMode: one of memory \| file/);
    const [j] = issuesOf(REF.replace('storeMode: file', 'replicas: 3'));
    expect(j).toMatchObject({ line: 4, path: 'params.replicas' });
    expect(j.message).toMatch(/no knob 'replicas'/);
  });

  it('an unknown scenario lists the built-in ids', () => {
    const [i] = issuesOf(REF.replace('scenario: split-stores', 'scenario: nope'));
    expect(i).toMatchObject({ line: 1, path: 'scenario' });
    expect(i.message).toMatch(/split-stores/);
  });
});

describe('files on disk', () => {
  it('a missing file is a LabError naming it', () => {
    expect(() => loadScenarioFile('/nonexistent/x.yaml')).toThrow(/\/nonexistent\/x\.yaml: no such file/);
  });
  it('every example validates', () => {
    for (const f of fs.readdirSync(examples).filter((n) => /\.(ya?ml|json)$/.test(n)))
      expect(() => loadScenarioFile(example(f)), f).not.toThrow();
  });
});
