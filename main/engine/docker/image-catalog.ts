// Where image build contexts live and what each one declares.
// resources/images/<name>/ holds a Dockerfile and may hold image.json:
//   {"inputs": ["../../services/order-service"], "prepare": "prepare.sh"}
// inputs: paths outside the folder that also feed the build (they count in the hash);
// prepare: a bash script run in the folder before the build, writing into build/.
// The folder "base" is not an image: it holds make-base.sh.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../errors';

export interface ImageManifest {
  name: string;
  /** Absolute path of the build context folder. */
  dir: string;
  /** Paths (relative to dir, as written in image.json) that also feed the build. */
  inputs: string[];
  /** Script (relative to dir) that prepares build/, or null. */
  prepare: string | null;
  /** Image references in the Dockerfile's FROM lines. */
  from: string[];
}

const NOT_IMAGES = new Set(['base']);

function moduleDir(): string | null {
  try {
    const url = import.meta.url;
    return url ? dirname(fileURLToPath(url)) : null;
  } catch {
    return null;
  }
}

/** The resources folder: $CHAOSLAB_RESOURCES for a packaged app, else found above this module (or the cwd). */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHAOSLAB_RESOURCES) return resolve(env.CHAOSLAB_RESOURCES);
  for (const start of [moduleDir(), process.cwd()]) {
    let d = start;
    while (d) {
      const candidate = join(d, 'resources', 'images');
      if (existsSync(candidate)) return join(d, 'resources');
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
  }
  throw new LabError(
    'IMAGE_BUILD_FAILED',
    'resources/images not found: run from the project, or set CHAOSLAB_RESOURCES to the resources folder',
  );
}

export function imagesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(resourcesDir(env), 'images');
}

/** Folders of resources/images that hold a Dockerfile, sorted. */
export function listImageNames(dir = imagesDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !NOT_IMAGES.has(e.name) && existsSync(join(dir, e.name, 'Dockerfile')))
    .map((e) => e.name)
    .sort();
}

export function parseFromLines(dockerfile: string): string[] {
  const out: string[] = [];
  for (const raw of dockerfile.split('\n')) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(raw);
    if (m) out.push(m[1]);
  }
  return out;
}

export function readManifest(name: string, dir = imagesDir()): ImageManifest {
  const folder = join(dir, name);
  if (
    NOT_IMAGES.has(name) ||
    !/^[a-z0-9][a-z0-9._-]*$/.test(name) ||
    !existsSync(join(folder, 'Dockerfile'))
  ) {
    const known = existsSync(dir) ? listImageNames(dir).join(', ') : '';
    throw new LabError('IMAGE_BUILD_FAILED', `unknown image "${name}" (known: ${known || 'none'})`);
  }
  let inputs: string[] = [];
  let prepare: string | null = null;
  const manifestPath = join(folder, 'image.json');
  if (existsSync(manifestPath)) {
    let m: unknown;
    try {
      m = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch (e) {
      throw new LabError(
        'IMAGE_BUILD_FAILED',
        `image ${name}: image.json is not valid JSON (${(e as Error).message})`,
      );
    }
    const o = (m ?? {}) as { inputs?: unknown; prepare?: unknown };
    if (o.inputs !== undefined) {
      if (!Array.isArray(o.inputs) || !o.inputs.every((i) => typeof i === 'string' && i && !isAbsolute(i))) {
        throw new LabError(
          'IMAGE_BUILD_FAILED',
          `image ${name}: image.json "inputs" must be a list of relative paths`,
        );
      }
      inputs = o.inputs as string[];
      for (const i of inputs) {
        if (!existsSync(join(folder, i)))
          throw new LabError('IMAGE_BUILD_FAILED', `image ${name}: input "${i}" does not exist`);
      }
    }
    if (o.prepare !== undefined && o.prepare !== null) {
      if (
        typeof o.prepare !== 'string' ||
        !statSync(join(folder, o.prepare), { throwIfNoEntry: false })?.isFile()
      ) {
        throw new LabError(
          'IMAGE_BUILD_FAILED',
          `image ${name}: image.json "prepare" must name a script in the folder`,
        );
      }
      prepare = o.prepare;
    }
  }
  const from = parseFromLines(readFileSync(join(folder, 'Dockerfile'), 'utf8'));
  return { name, dir: folder, inputs, prepare, from };
}
