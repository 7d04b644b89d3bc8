// The lab's images: content-hash tags, the base image, and building what is missing.
// A tag chaoslab/<name>:<hash> that exists is never prepared or built again.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import type { ImageProgress } from '../../contract/channels';
import { LabError } from '../errors';
import { BuildProgress, shortStep, type BuildStreamEntry } from './build-progress';
import { imagesDir, listImageNames, readManifest, resourcesDir, type ImageManifest } from './image-catalog';
import { contextHash } from './image-hash';
import { MANAGED_LABEL } from './labels';

export { imagesDir, listImageNames, resourcesDir };
export type { ImageProgress };

export const BASE_IMAGE = 'debian:bookworm-slim';
export const IMAGE_LABEL = 'io.chaoslab.image';
export const HASH_LABEL = 'io.chaoslab.hash';
const PULL_TIMEOUT_MS = 120_000;

export interface ImageStatus {
  name: string;
  tag: string;
  present: boolean;
}

export interface EnsureImagesOptions {
  /** Build even when the tag exists (the tag is replaced). */
  force?: boolean;
  /** Build without Docker's layer cache (a cold build). */
  noCache?: boolean;
}

/** chaoslab/<name>:<12 hex of the content hash>. */
export async function imageTag(name: string): Promise<string> {
  return tagOf(readManifest(name));
}

async function tagOf(m: ImageManifest): Promise<string> {
  return `chaoslab/${m.name}:${await contextHash(m.dir, m.inputs)}`;
}

function statusCode(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null ? (e as { statusCode?: number }).statusCode : undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch (e) {
    if (statusCode(e) === 404) return false;
    throw new LabError('DOCKER_UNAVAILABLE', `cannot inspect image ${ref}: ${message(e)}`, true);
  }
}

/** Waits for a pull/build stream to end; every entry goes to onEntry (errors in it are contained). */
function follow(
  docker: Docker,
  stream: NodeJS.ReadableStream,
  onEntry: (e: BuildStreamEntry) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (entry: BuildStreamEntry) => {
        try {
          onEntry(entry);
        } catch {
          /* a listener's failure must not break the stream */
        }
      },
    );
  });
}

function runScript(
  script: string,
  cwd: string,
  onLine: (line: string) => void,
): Promise<{ code: number; tail: string[] }> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const child = spawn('bash', [script], { cwd, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const feed = (buf: Buffer): void => {
      for (const line of buf.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        try {
          onLine(line);
        } catch {
          /* ignore listener errors */
        }
      }
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, tail }));
  });
}

let baseInFlight: Promise<void> | null = null;

/**
 * Makes sure debian:bookworm-slim exists: pull it, or (no registry) create it with
 * resources/images/base/make-base.sh, which needs root and debootstrap.
 */
export function ensureBaseImage(docker: Docker, onLine: (line: string) => void = () => {}): Promise<void> {
  if (!baseInFlight) {
    baseInFlight = makeBase(docker, onLine).finally(() => {
      baseInFlight = null;
    });
  }
  return baseInFlight;
}

async function makeBase(docker: Docker, onLine: (line: string) => void): Promise<void> {
  if (await imageExists(docker, BASE_IMAGE)) return;
  onLine(`pulling ${BASE_IMAGE}`);
  let pullError = '';
  try {
    const stream = (await docker.pull(BASE_IMAGE)) as NodeJS.ReadableStream & {
      destroy?: (e?: Error) => void;
    };
    const timer = setTimeout(
      () => stream.destroy?.(new Error(`no progress in ${PULL_TIMEOUT_MS / 1000} s`)),
      PULL_TIMEOUT_MS,
    );
    try {
      await follow(docker, stream, (e) => {
        if (e.error) pullError = e.errorDetail?.message || e.error;
        else if (e.status) onLine(e.status);
      });
    } finally {
      clearTimeout(timer);
    }
  } catch (e) {
    pullError = message(e);
  }
  if (!pullError && (await imageExists(docker, BASE_IMAGE))) return;
  onLine(`pull failed (${pullError.split('\n')[0]}); creating ${BASE_IMAGE} with debootstrap`);
  const script = join(imagesDir(), 'base', 'make-base.sh');
  const fix = `${BASE_IMAGE} is missing and cannot be pulled: run 'sudo bash ${script}' (needs debootstrap) or make ${BASE_IMAGE} pullable`;
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new LabError('IMAGE_BUILD_FAILED', fix, true, pullError);
  }
  const { code, tail } = await runScript(script, join(imagesDir(), 'base'), onLine);
  if (code !== 0 || !(await imageExists(docker, BASE_IMAGE))) {
    throw new LabError('IMAGE_BUILD_FAILED', fix, true, [`pull: ${pullError}`, ...tail].join('\n'));
  }
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Returns name -> tag for every name, building the missing images one after another.
 * Progress goes to onProgress; a failure throws LabError('IMAGE_BUILD_FAILED') with the
 * last lines of output as its detail.
 */
export async function ensureImages(
  docker: Docker,
  names: string[],
  onProgress: (p: ImageProgress) => void,
  options: EnsureImagesOptions = {},
): Promise<Record<string, string>> {
  const emit = (p: ImageProgress): void => {
    try {
      onProgress(p);
    } catch {
      /* a listener's failure must not break the build */
    }
  };
  const manifests = [...new Set(names)].map((n) => readManifest(n));
  const tags: Record<string, string> = {};
  const missing: ImageManifest[] = [];
  for (const m of manifests) {
    tags[m.name] = await tagOf(m);
    if (!options.force && !inFlight.has(tags[m.name]) && (await imageExists(docker, tags[m.name]))) {
      emit({ name: m.name, tag: tags[m.name], state: 'cached', progress: 1 });
    } else {
      missing.push(m);
      emit({ name: m.name, tag: tags[m.name], state: 'queued', progress: 0 });
    }
  }
  for (const m of missing) {
    const tag = tags[m.name];
    let job = inFlight.get(tag);
    if (!job) {
      job = buildOne(docker, m, tag, emit, options).finally(() => inFlight.delete(tag));
      inFlight.set(tag, job);
      await job;
    } else {
      await job; // another caller is building the same content; it reports its own progress
      emit({ name: m.name, tag, state: 'done', progress: 1 });
    }
  }
  return tags;
}

async function buildOne(
  docker: Docker,
  m: ImageManifest,
  tag: string,
  emit: (p: ImageProgress) => void,
  options: EnsureImagesOptions,
): Promise<void> {
  const fail = (err: LabError): LabError => {
    emit({ name: m.name, tag, state: 'failed', progress: 0, error: err.message });
    return err;
  };
  emit({ name: m.name, tag, state: 'preparing', progress: 0 });
  if (m.from.includes(BASE_IMAGE)) {
    try {
      await ensureBaseImage(docker, (line) =>
        emit({ name: m.name, tag, state: 'preparing', progress: 0, step: `base: ${line}` }),
      );
    } catch (e) {
      throw fail(
        e instanceof LabError
          ? e
          : new LabError('IMAGE_BUILD_FAILED', `image ${m.name}: base image: ${message(e)}`),
      );
    }
  }
  if (m.prepare) {
    const { code, tail } = await runScript(m.prepare, m.dir, (line) =>
      emit({ name: m.name, tag, state: 'preparing', progress: 0, step: line }),
    ).catch((e: unknown) => ({ code: -1, tail: [message(e)] }));
    if (code !== 0) {
      throw fail(
        new LabError(
          'IMAGE_BUILD_FAILED',
          `image ${m.name}: ${m.prepare} failed (exit ${code})`,
          true,
          tail.join('\n'),
        ),
      );
    }
  }

  const hash = tag.slice(tag.lastIndexOf(':') + 1);
  const progress = new BuildProgress();
  emit({ name: m.name, tag, state: 'building', progress: 0 });
  let streamError: string | null = null;
  try {
    // tar-fs gives a streamx stream; gzip turns it into a Node stream (and a smaller upload).
    const context = tar.pack(m.dir).pipe(createGzip());
    const stream = await docker.buildImage(context, {
      t: tag,
      labels: { [MANAGED_LABEL]: 'true', [IMAGE_LABEL]: m.name, [HASH_LABEL]: hash },
      rm: true,
      forcerm: true,
      nocache: options.noCache === true,
    });
    await follow(docker, stream, (entry) => {
      if (progress.push(entry) && progress.step) {
        emit({
          name: m.name,
          tag,
          state: 'building',
          progress: progress.progress,
          step: shortStep(progress.step.instruction),
        });
      }
    });
  } catch (e) {
    streamError = message(e);
  }
  if (progress.error || streamError) {
    const what = progress.error
      ? `step "${shortStep(progress.failingStep())}" failed`
      : `build stream failed (${streamError})`;
    const detail = [...progress.tail(), ...(streamError ? [streamError] : [])].join('\n');
    throw fail(new LabError('IMAGE_BUILD_FAILED', `image ${m.name}: ${what}`, true, detail));
  }
  if (!(await imageExists(docker, tag))) {
    throw fail(
      new LabError(
        'IMAGE_BUILD_FAILED',
        `image ${m.name}: the build ended but ${tag} does not exist`,
        true,
        progress.tail().join('\n'),
      ),
    );
  }
  emit({ name: m.name, tag, state: 'done', progress: 1 });
}

/** Every image of resources/images with its current tag and whether the engine has it. */
export async function imagesStatus(docker: Docker): Promise<ImageStatus[]> {
  const present = new Set<string>();
  for (const img of await docker.listImages({ filters: { label: [`${MANAGED_LABEL}=true`] } })) {
    for (const t of img.RepoTags ?? []) present.add(t);
  }
  const out: ImageStatus[] = [];
  for (const name of listImageNames()) {
    const tag = await imageTag(name);
    out.push({ name, tag, present: present.has(tag) });
  }
  return out;
}

/**
 * Removes lab images whose tag is no longer current (older content hashes of a known
 * image; all images, or only `names`). Never forced: an image a container still uses
 * stays. Returns the removed tags.
 */
export async function pruneStaleImages(
  docker: Docker,
  names: string[] = listImageNames(),
): Promise<string[]> {
  const current = new Set<string>();
  const known = new Set(names);
  for (const name of known) current.add(await imageTag(name));
  const removed: string[] = [];
  for (const img of await docker.listImages({ filters: { label: [`${MANAGED_LABEL}=true`, IMAGE_LABEL] } })) {
    const name = img.Labels?.[IMAGE_LABEL];
    if (!name || !known.has(name)) continue;
    for (const tag of img.RepoTags ?? []) {
      if (!tag.startsWith(`chaoslab/${name}:`) || current.has(tag)) continue;
      try {
        await docker.getImage(tag).remove();
        removed.push(tag);
      } catch {
        /* in use, or already gone */
      }
    }
  }
  return removed;
}
