import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Output } from '../output';
import { createLab } from '../../engine/lab';
import type { LabService } from '../../contract/service';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function cmdServe(out: Output, o: { port: number; fake: boolean }): Promise<number> {
  const { startServer } = await import('../../server/start-server');
  let service: LabService & { close?: () => Promise<unknown> };
  if (o.fake) {
    const { createFakeLab } = await import('../../server/fake-lab');
    service = createFakeLab();
  } else {
    service = await createLab();
  }
  const server = await startServer({ service, port: o.port, host: '127.0.0.1', staticDir: path.join(repoRoot, 'renderer', 'dist') });
  out.result(`Chaos Lab (browser mode) at ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  out.progress('shutting down: stopping runs, removing containers');
  await service.close?.();
  await server.close();
  return 0;
}
