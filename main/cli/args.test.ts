import { describe, it, expect } from 'vitest';
import { parseCli, CliUsageError } from './args';
import { LabError } from '../engine/errors';

function fails(argv: string[]): LabError {
  try {
    parseCli(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(LabError);
    return e as LabError;
  }
  throw new Error(`accepted: ${argv.join(' ')}`);
}

describe('parseCli', () => {
  it('parses a run with every option', () => {
    const p = parseCli([
      'run',
      'examples/x.yaml',
      '--set',
      'orders=9',
      '--seed',
      '7',
      '--fault',
      'kill:order-2@1500+2000',
      '--junit',
      'out/j.xml',
      '--out',
      'runs/a',
      '--json',
      '-q',
    ]);
    expect(p).toEqual({
      json: true,
      quiet: true,
      command: {
        cmd: 'run',
        target: 'examples/x.yaml',
        sets: { orders: '9' },
        seed: 7,
        outDir: 'runs/a',
        junit: 'out/j.xml',
        faults: [
          { at: 1500, process: 'nemesis', fault: { kind: 'kill', target: 'order-2', durationMs: 2000 } },
        ],
      },
    });
  });

  it('validate takes one or more files', () => {
    expect(parseCli(['validate', 'a.yaml', 'b.json']).command).toEqual({
      cmd: 'validate',
      files: ['a.yaml', 'b.json'],
    });
    expect(fails(['validate'])).toBeInstanceOf(CliUsageError);
  });

  it('every mistake is a LabError with a code, saying what is wrong', () => {
    expect(fails([]).message).toMatch(/no command/);
    expect(fails(['explode']).message).toMatch(/unknown command 'explode'/);
    expect(fails(['run']).code).toBe('SCENARIO_INVALID');
    expect(fails(['run', 'x', '--bogus']).message).toMatch(/Unknown option '--bogus'/);
    expect(fails(['run', 'x', '--seed', 'abc']).message).toMatch(/--seed expects an integer/);
    expect(fails(['run', 'x', '--seed', '99999999999999999999']).message).toMatch(
      /--seed expects an integer/,
    );
    expect(fails(['run', 'x', '--set', 'novalue']).code).toBe('PARAM_INVALID');
    expect(fails(['run', 'x', '--fault', 'explode:lb']).code).toBe('PARAM_INVALID');
    expect(fails(['run', 'x', '--junit', '']).message).toMatch(/--junit needs a value/);
    expect(fails(['run', 'x', '--out']).code).toBe('BAD_REQUEST');
    expect(fails(['list', '--junit', 'j.xml']).message).toMatch(/--junit does not apply to 'list'/);
    expect(fails(['run', 'a', 'b']).message).toMatch(/unexpected 'b'/);
    expect(fails(['serve', '--port', '70000']).message).toMatch(/--port expects an integer from 0 to 65535/);
    expect(fails(['images']).message).toMatch(/images build/);
  });

  it('help wins over everything else', () => {
    expect(parseCli(['--help']).command).toEqual({ cmd: 'help' });
    expect(parseCli(['run', '-h']).command).toEqual({ cmd: 'help' });
  });
});
