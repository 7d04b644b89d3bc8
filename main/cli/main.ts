// chaoslab: list | run | validate | report | images build | doctor | cleanup | engine | serve
import { toErrorValue } from '../engine/errors';
import { logger } from '../engine/logger';
import { makeOutput, type Output } from './output';
import { parseCli, CliUsageError, USAGE, type ParsedCli } from './args';
import { cmdList, cmdRun, cmdReport } from './commands/run-commands';
import { cmdValidate } from './commands/validate-command';
import { cmdImages, cmdDoctor, cmdCleanup, cmdEngine } from './commands/engine-commands';
import { cmdServe } from './commands/serve-command';
import { cmdCompareCli } from './commands/compare-command';

async function dispatch(p: ParsedCli, out: Output): Promise<number> {
  const c = p.command;
  switch (c.cmd) {
    case 'help':
      out.result(USAGE);
      return 0;
    case 'list':
      return cmdList(out);
    case 'run':
      return cmdRun(out, c);
    case 'validate':
      return cmdValidate(out, c.files);
    case 'report':
      return cmdReport(out, c.dir);
    case 'images':
      return cmdImages(out, c.names, p.quiet);
    case 'doctor':
      return cmdDoctor(out);
    case 'cleanup':
      return cmdCleanup(out, c.all);
    case 'engine':
      return cmdEngine(out);
    case 'serve':
      return cmdServe(out, { port: c.port, fake: c.fake });
  }
}

async function main(argv: string[]): Promise<number> {
  // Before parsing, so that a usage error in --json mode is still a JSON line.
  const wantsJson = argv.includes('--json');
  let out = makeOutput({ json: wantsJson, quiet: argv.includes('--quiet') || argv.includes('-q') });
  try {
    if (argv[0] === 'compare') return await cmdCompareCli(argv.slice(1));
    const p = parseCli(argv);
    out = makeOutput({ json: p.json, quiet: p.quiet });
    // --quiet: the engine's warnings (pino, stderr) too, unless CHAOSLAB_LOG asks for them.
    if (p.quiet && !process.env.CHAOSLAB_LOG) logger.level = 'error';
    return await dispatch(p, out);
  } catch (e) {
    const v = toErrorValue(e);
    let msg = v.error.message;
    if (e instanceof CliUsageError) msg += `\n${USAGE}`;
    else if (v.error.detail && (process.env.CHAOSLAB_DEBUG || v.error.code === 'IMAGE_BUILD_FAILED'))
      msg += `\n${v.error.detail}`;
    out.error(msg);
    out.data({
      type: 'result',
      ok: false,
      exitCode: 3,
      error: { code: v.error.code, message: v.error.message },
    });
    return 3;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
