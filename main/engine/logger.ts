// The engine's one logger (pino). Every run logs through a child carrying its run id.
// Level from CHAOSLAB_LOG (default warn), to stderr, so the CLI's own output stays clean.
import pino from 'pino';

export const logger = pino(
  {
    name: 'chaoslab',
    level: process.env.CHAOSLAB_LOG ?? 'warn',
    base: undefined,
  },
  pino.destination({ dest: 2, sync: true }),
);

export function runLogger(runId: string): pino.Logger {
  return logger.child({ runId });
}
