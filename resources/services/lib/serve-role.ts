// The main loop of a service whose role is chosen at start: the JSON server listens at once
// (/health says 503 until the role has started), the role starts (tried again while it fails,
// for up to a minute), and SIGTERM/SIGINT close
// the server and stop the role (exit 0, or 1 when stopping fails or takes over 5 s).
import type { Server } from 'node:http';
import { points } from './named-points';
import { createJsonServer, type Routes } from './json-server';
import { startWithRetry } from './start-with-retry';

/** How long a role's start is tried again before the service gives up (and exits 1). */
const START_RETRY_MS = 60_000;

/** One line on stdout, with the time. */
export const log = (line: string): void => {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
};

/** A role once started: its routes, whether it can do its work yet, and how it stops. */
export interface StartedRole {
  routes: Routes;
  ready(): boolean;
  stop(): Promise<void>;
}

/**
 * Serves `role` of the service named `c.node` on `c.port`; `start` starts it (the first log
 * line names it as `role`).
 */
export async function serveRole(
  c: { node: string; port: number },
  role: string,
  start: () => Promise<StartedRole>,
): Promise<void> {
  let started: StartedRole | null = null;
  const server: Server = createJsonServer({
    node: c.node,
    points,
    log,
    routes: () => started?.routes ?? null,
    health: () => (started?.ready() ? { ok: true } : { ok: false, detail: 'starting' }),
  });
  await new Promise<void>((resolve) => server.listen(c.port, resolve));
  log(`${c.node}: ${role} on :${c.port}`);
  started = await startWithRetry(role, start, START_RETRY_MS, {
    log,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    now: () => Date.now(),
  });
  log(`${c.node}: ready`);

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    server.close();
    server.closeIdleConnections();
    void started!.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** Runs a service's main; what it throws is logged as fatal and ends the process with 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    log(`fatal: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
