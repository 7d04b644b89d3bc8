// chaoslab: list | run | report | images build | doctor | cleanup | engine | serve
import { parseArgs } from 'node:util';
import { LabError, toErrorValue } from '../engine/errors';
import { makeOutput, type Output } from './output';
import { cmdList, cmdRun, cmdReport } from './commands/run-commands';
import { cmdImages, cmdDoctor, cmdCleanup, cmdEngine } from './commands/engine-commands';
import { cmdServe } from './commands/serve-command';
import { cmdCompareCli } from './commands/compare-command';

const USAGE = `usage: chaoslab <command> [options]

  list                              the built-in scenarios and their knobs
  run <scenario> [--set k=v ...]    run a scenario on real containers
        [--out DIR] [--seed N] [--fault kind:target@ms+dur ...] [--junit FILE] [--json] [--quiet]
  report <runDir>                   re-render report.json and report.html from run.jsonl
  images build [name ...]           build the lab's images (cached by content hash)
  doctor                            engine reachable? images present? leftovers?
  cleanup [--all]                   remove containers and networks left by dead lab processes
  engine ensure                     start (and on Debian as root, install) a Docker engine
  serve [--port N] [--fake]         browser mode: the UI over a local WebSocket

exit codes: 0 valid, 1 invalid, 2 unknown, 3 the run could not be carried out (or bad usage)`;

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'compare') return cmdCompareCli(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
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
    },
  });
  const out: Output = makeOutput({ quiet: values.quiet, json: values.json });
  const [cmd, ...rest] = positionals;
  if (values.help || !cmd) {
    out.result(USAGE);
    return cmd || values.help ? 0 : 3;
  }
  switch (cmd) {
    case 'list':
      return cmdList(out, !!values.json);
    case 'run':
      if (!rest[0]) throw new LabError('SCENARIO_INVALID', 'run needs a scenario id; see `chaoslab list`');
      return cmdRun(out, rest[0], {
        sets: values.set ?? [],
        outDir: values.out,
        seed: values.seed,
        faults: values.fault ?? [],
        junit: values.junit,
        json: !!values.json,
      });
    case 'report':
      if (!rest[0]) throw new LabError('BAD_REQUEST', 'report needs a run directory (the one holding run.jsonl)');
      return cmdReport(out, rest[0]);
    case 'images':
      if (rest[0] !== 'build') throw new LabError('BAD_REQUEST', "images takes one subcommand: 'images build [name ...]'");
      return cmdImages(out, rest.slice(1), !!values.quiet);
    case 'doctor':
      return cmdDoctor(out, !!values.json);
    case 'cleanup':
      return cmdCleanup(out, !!values.all);
    case 'engine':
      if (rest[0] !== 'ensure') throw new LabError('BAD_REQUEST', "engine takes one subcommand: 'engine ensure'");
      return cmdEngine(out);
    case 'serve':
      return cmdServe(out, { port: values.port ? Number(values.port) : 0, fake: !!values.fake });
    default:
      throw new LabError('BAD_REQUEST', `unknown command '${cmd}'\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const v = toErrorValue(e);
    const msg = e instanceof TypeError && /Unknown option|Unexpected argument/.test(String(e)) ? `${(e as Error).message}\n${USAGE}` : v.error.message;
    process.stderr.write(`chaoslab: ${msg}\n`);
    if (v.error.detail && process.env.CHAOSLAB_DEBUG) process.stderr.write(`${v.error.detail}\n`);
    else if (v.error.detail && v.error.code === 'IMAGE_BUILD_FAILED') process.stderr.write(`${v.error.detail}\n`);
    process.exitCode = 3;
  },
);
