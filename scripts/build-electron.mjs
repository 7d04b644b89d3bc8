#!/usr/bin/env node
/* global console */
// Bundles the Electron main process (main/index.ts -> dist/electron/index.cjs) and the
// sandboxed preload (main/preload/index.ts -> dist/electron/preload.cjs) with esbuild.
// npm dependencies stay external in main (electron-builder ships node_modules); the
// preload must be one self-contained file (a sandboxed preload can only require electron).
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'electron');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

// Modules that locate files from import.meta.url keep working in the CommonJS bundle.
await build({
  ...common,
  entryPoints: ['main/index.ts'],
  outfile: path.join(out, 'index.cjs'),
  packages: 'external',
  define: { 'import.meta.url': '__chaoslabModuleUrl' },
  banner: { js: "const __chaoslabModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: ['main/preload/index.ts'],
  outfile: path.join(out, 'preload.cjs'),
  external: ['electron'],
});
console.log(`built ${path.relative(root, out)}/index.cjs and preload.cjs`);
