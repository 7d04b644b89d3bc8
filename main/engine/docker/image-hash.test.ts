import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextFiles, contextHash } from './image-hash';
import { listImageNames, parseFromLines, readManifest } from './image-catalog';

let root: string;
const write = (rel: string, text: string): void => {
  const p = join(root, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'chaoslab-hash-'));
  write('images/svc/Dockerfile', 'FROM debian:bookworm-slim\nCOPY build/app.mjs /app/\n');
  write('images/svc/image.json', JSON.stringify({ inputs: ['../../services/app'], prepare: 'prepare.sh' }));
  write('images/svc/prepare.sh', 'echo hi\n');
  write('images/svc/build/app.mjs', 'bundled v1');
  write('services/app/main.ts', 'console.log(1)');
  write('services/app/lib/util.ts', 'export {}');
  write('services/app/node_modules/x/index.js', 'ignored');
  write('images/plain/Dockerfile', 'FROM scratch\n');
  write('images/base/make-base.sh', '#!/bin/sh\n');
  write('images/notes/README.md', 'no Dockerfile here');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const svcHash = (): Promise<string> => {
  const m = readManifest('svc', join(root, 'images'));
  return contextHash(m.dir, m.inputs);
};

describe('contextHash', () => {
  it('is 12 hex chars and stable', async () => {
    const a = await svcHash();
    expect(a).toMatch(/^[0-9a-f]{12}$/);
    expect(await svcHash()).toBe(a);
  });

  it('changes when a file of the folder changes', async () => {
    const a = await svcHash();
    write('images/svc/Dockerfile', 'FROM debian:bookworm-slim\nCOPY build/app.mjs /srv/\n');
    expect(await svcHash()).not.toBe(a);
  });

  it('changes when an input file changes, is added, or is renamed', async () => {
    const a = await svcHash();
    write('services/app/lib/util.ts', 'export const x = 1');
    const b = await svcHash();
    expect(b).not.toBe(a);
    write('services/app/lib/more.ts', '');
    const c = await svcHash();
    expect(c).not.toBe(b);
    rmSync(join(root, 'services/app/lib/more.ts'));
    write('services/app/lib/other.ts', '');
    expect(await svcHash()).not.toBe(c);
  });

  it('changes when a file becomes executable', async () => {
    const a = await svcHash();
    chmodSync(join(root, 'images/svc/prepare.sh'), 0o755);
    expect(await svcHash()).not.toBe(a);
  });

  it('ignores the build/ folder and node_modules', async () => {
    const a = await svcHash();
    write('images/svc/build/app.mjs', 'bundled v2');
    write('images/svc/build/extra.jar', 'x');
    write('services/app/node_modules/x/index.js', 'changed');
    expect(await svcHash()).toBe(a);
  });

  it('hashes the inputs: without them the hash differs', async () => {
    const m = readManifest('svc', join(root, 'images'));
    expect(await contextHash(m.dir, [])).not.toBe(await contextHash(m.dir, m.inputs));
  });

  it('lists files by relative path, sorted', async () => {
    const m = readManifest('svc', join(root, 'images'));
    expect((await contextFiles(m.dir, m.inputs)).map((f) => f.path)).toEqual([
      '../../services/app/lib/util.ts',
      '../../services/app/main.ts',
      'Dockerfile',
      'image.json',
      'prepare.sh',
    ]);
  });
});

describe('image catalog', () => {
  it('lists folders with a Dockerfile, never base', () => {
    expect(listImageNames(join(root, 'images'))).toEqual(['plain', 'svc']);
  });

  it('reads the manifest', () => {
    const m = readManifest('svc', join(root, 'images'));
    expect(m).toMatchObject({
      name: 'svc',
      inputs: ['../../services/app'],
      prepare: 'prepare.sh',
      from: ['debian:bookworm-slim'],
    });
    expect(readManifest('plain', join(root, 'images'))).toMatchObject({ inputs: [], prepare: null });
  });

  it('refuses unknown images and bad manifests with IMAGE_BUILD_FAILED', () => {
    expect(() => readManifest('base', join(root, 'images'))).toThrow(/unknown image "base"/);
    expect(() => readManifest('nope', join(root, 'images'))).toThrow(/known: plain, svc/);
    write('images/svc/image.json', '{"inputs": ["../missing"]}');
    expect(() => readManifest('svc', join(root, 'images'))).toThrow(/input "..\/missing" does not exist/);
    write('images/svc/image.json', '{"inputs": [');
    expect(() => readManifest('svc', join(root, 'images'))).toThrow(/not valid JSON/);
  });

  it('parses FROM lines', () => {
    expect(
      parseFromLines(
        '# x\nFROM --platform=linux/amd64 debian:bookworm-slim AS b\nRUN x\nfrom chaoslab/base:1\n',
      ),
    ).toEqual(['debian:bookworm-slim', 'chaoslab/base:1']);
  });
});

describe('the real catalog', () => {
  it('has the service and haproxy images', () => {
    const names = listImageNames();
    expect(names).toContain('service');
    expect(names).toContain('haproxy');
    expect(names).not.toContain('base');
  });
});
