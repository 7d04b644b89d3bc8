// The content hash behind an image's tag: every file of the build context folder (except
// its build/ subfolder, which prepare writes) and of the declared inputs, each as its
// relative path, executable bit and bytes, sorted by path. 12 hex chars of sha256.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';

/** Folders never hashed inside inputs (tooling, not sources). */
const SKIP_DIRS = new Set(['node_modules', '.git']);

export interface HashedFile {
  /** Path relative to the image folder, with forward slashes ("../../services/x/main.ts"). */
  path: string;
  abs: string;
}

async function walk(
  root: string,
  dir: string,
  skipTopBuild: boolean,
  out: HashedFile[],
  base: string,
): Promise<void> {
  const st = await stat(dir);
  if (st.isFile()) {
    out.push({ path: toPosix(relative(base, dir)), abs: dir });
    return;
  }
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries) {
    const abs = join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && (await stat(abs)).isDirectory())) {
      if (SKIP_DIRS.has(e.name)) continue;
      if (skipTopBuild && dir === root && e.name === 'build') continue;
      await walk(root, abs, skipTopBuild, out, base);
    } else {
      out.push({ path: toPosix(relative(base, abs)), abs });
    }
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join(posix.sep);
}

/** Every file that feeds the image, sorted by relative path. */
export async function contextFiles(dir: string, inputs: readonly string[]): Promise<HashedFile[]> {
  const out: HashedFile[] = [];
  await walk(dir, dir, true, out, dir);
  for (const input of inputs) {
    const abs = join(dir, input);
    await walk(abs, abs, false, out, dir);
  }
  const seen = new Set<string>();
  return out
    .filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function contextHash(dir: string, inputs: readonly string[]): Promise<string> {
  const h = createHash('sha256');
  for (const f of await contextFiles(dir, inputs)) {
    const [bytes, st] = await Promise.all([readFile(f.abs), stat(f.abs)]);
    const exec = st.mode & 0o111 ? 'x' : '-';
    h.update(`${f.path}\0${exec}\0${bytes.length}\0`);
    h.update(bytes);
  }
  return h.digest('hex').slice(0, 12);
}
