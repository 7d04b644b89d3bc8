// Ctrl-C / SIGTERM during a bench: run every registered cleanup (stop lab runs, compose
// down, remove the twin), then exit. Without this a signal would skip the finally blocks.
const cleanups = new Set<() => Promise<unknown>>();
let installed = false;

export function atInterrupt(fn: () => Promise<unknown>): () => void {
  if (!installed) {
    installed = true;
    const handler = (sig: NodeJS.Signals) => {
      process.stderr.write(`\n${sig}: cleaning up before exit\n`);
      const all = [...cleanups].map((f) => f().catch(() => undefined));
      const hard = setTimeout(() => process.exit(130), 60_000);
      void Promise.all(all).then(() => {
        clearTimeout(hard);
        process.exit(130);
      });
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  }
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
