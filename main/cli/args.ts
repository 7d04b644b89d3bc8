// The command line, parsed and checked in one pure function: every mistake is a LabError
// (CliUsageError for usage) before anything touches Docker or the disk.
import { parseArgs } from 'node:util';
import { LabError } from '../engine/errors';
import { parseSetArgs } from '../engine/params';
import type { Step } from '../engine/scenario';
import { parseFaultArg } from './faults-arg';

export const USAGE = `usage: chaoslab <command> [options]

  list                              the built-in scenarios and their knobs
  run <scenario|FILE> [--set k=v ...]
        [--out DIR] [--seed N] [--fault kind:target[=value]@ms+dur ...] [--junit FILE] [--json] [--quiet]
                                    run a built-in scenario, or an experiment file
                                    (.yaml/.yml/.json, see examples/), on real containers
  validate FILE [FILE ...]          check experiment files: file:line:col, path, expected
  compare <scenario[:k=v,...]> ...  run variants side by side (chaoslab compare --help)
  report <runDir>                   re-render report.json and report.html from run.jsonl
  images build [name ...]           build the lab's images (cached by content hash)
  doctor                            engine reachable? images present? leftovers?
  cleanup [--all]                   remove containers and networks left by dead lab processes
  engine ensure                     start (and on Debian as root, install) a Docker engine
  serve [--port N] [--fake]         browser mode: the UI over a local WebSocket

  --json    machine-readable: one JSON object per line on stdout, the last one the result
  --quiet   nothing but the final result lines (errors still go to stderr)

exit codes: 0 valid, 1 invalid, 2 unknown, 3 the run could not be carried out (or bad usage)
validate:   0 every file valid, 1 a file is invalid, 3 a file could not be read`;

/** A usage mistake: the message is followed by the usage text. */
export class CliUsageError extends LabError {
  constructor(message: string) {
    super('BAD_REQUEST', message);
    this.name = 'CliUsageError';
  }
}

export interface RunCommand {
  cmd: 'run';
  target: string;
  sets: Record<string, string>;
  outDir?: string;
  seed?: number;
  faults: Step[];
  junit?: string;
}

export type Command =
  | { cmd: 'help' }
  | { cmd: 'list' }
  | RunCommand
  | { cmd: 'validate'; files: string[] }
  | { cmd: 'report'; dir: string }
  | { cmd: 'images'; names: string[] }
  | { cmd: 'doctor' }
  | { cmd: 'cleanup'; all: boolean }
  | { cmd: 'engine' }
  | { cmd: 'serve'; port: number; fake: boolean };

export interface ParsedCli {
  command: Command;
  json: boolean;
  quiet: boolean;
}

const OPTIONS = {
  set: { type: 'string', multiple: true },
  out: { type: 'string' },
  seed: { type: 'string' },
  fault: { type: 'string', multiple: true },
  junit: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  all: { type: 'boolean' },
  port: { type: 'string' },
  fake: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Which options each command takes (json, quiet and help go everywhere). */
const ALLOWED: Record<string, OptionName[]> = {
  list: [],
  run: ['set', 'out', 'seed', 'fault', 'junit'],
  validate: [],
  report: [],
  images: [],
  doctor: [],
  cleanup: ['all'],
  engine: [],
  serve: ['port', 'fake'],
};
const EVERYWHERE: OptionName[] = ['json', 'quiet', 'help'];

function nonEmpty(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!v.trim()) throw new CliUsageError(`--${name} needs a value`);
  return v;
}

function integer(name: string, v: string, min: number, max: number): number {
  const n = /^-?\d{1,16}$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CliUsageError(`--${name} expects an integer from ${min} to ${max}, got '${v}'`);
  return n;
}

export function parseCli(argv: readonly string[]): ParsedCli {
  let parsed: { values: Partial<Record<OptionName, string | string[] | boolean>>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  const json = v.json === true;
  const quiet = v.quiet === true;
  const [cmd, ...rest] = parsed.positionals;
  if (v.help) return { command: { cmd: 'help' }, json, quiet };
  if (!cmd) throw new CliUsageError('no command given');
  const allowed = ALLOWED[cmd];
  if (!allowed) throw new CliUsageError(`unknown command '${cmd}'`);
  for (const k of Object.keys(v) as OptionName[]) {
    if (!allowed.includes(k) && !EVERYWHERE.includes(k))
      throw new CliUsageError(`--${k} does not apply to '${cmd}'`);
  }
  const noMore = (n: number) => {
    if (rest.length > n)
      throw new CliUsageError(
        `'${cmd}' takes ${n === 0 ? 'no argument' : `${n} argument${n > 1 ? 's' : ''}`}; unexpected '${rest[n]}'`,
      );
  };
  const command = ((): Command => {
    switch (cmd) {
      case 'list':
        noMore(0);
        return { cmd: 'list' };
      case 'run': {
        if (!rest[0]?.trim())
          throw new LabError(
            'SCENARIO_INVALID',
            'run needs a scenario id (see `chaoslab list`) or an experiment file',
          );
        noMore(1);
        return {
          cmd: 'run',
          target: rest[0],
          sets: parseSetArgs((v.set as string[] | undefined) ?? []),
          outDir: nonEmpty('out', v.out as string | undefined),
          seed: v.seed === undefined ? undefined : integer('seed', v.seed as string, 0, 2 ** 31 - 1),
          faults: ((v.fault as string[] | undefined) ?? []).map(parseFaultArg),
          junit: nonEmpty('junit', v.junit as string | undefined),
        };
      }
      case 'validate':
        if (!rest.length) throw new CliUsageError('validate needs at least one experiment file');
        return { cmd: 'validate', files: rest };
      case 'report':
        if (!rest[0]) throw new CliUsageError('report needs a run directory (the one holding run.jsonl)');
        noMore(1);
        return { cmd: 'report', dir: rest[0] };
      case 'images':
        if (rest[0] !== 'build')
          throw new CliUsageError("images takes one subcommand: 'images build [name ...]'");
        return { cmd: 'images', names: rest.slice(1) };
      case 'doctor':
        noMore(0);
        return { cmd: 'doctor' };
      case 'cleanup':
        noMore(0);
        return { cmd: 'cleanup', all: v.all === true };
      case 'engine':
        if (rest[0] !== 'ensure') throw new CliUsageError("engine takes one subcommand: 'engine ensure'");
        rest.shift();
        noMore(0);
        return { cmd: 'engine' };
      case 'serve':
        noMore(0);
        return {
          cmd: 'serve',
          port: v.port === undefined ? 0 : integer('port', v.port as string, 0, 65535),
          fake: v.fake === true,
        };
      default:
        throw new CliUsageError(`unknown command '${cmd}'`);
    }
  })();
  return { command, json, quiet };
}
