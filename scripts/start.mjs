#!/usr/bin/env node
/* global process, console */
// `npm start`: the desktop app where Electron's binary is installed; otherwise one line saying
// so, then browser mode (`chaoslab serve`, which prints the URL to open).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

run(process.execPath, [
  path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
  'build',
  '--config',
  'renderer/vite.config.ts',
  '--logLevel',
  'warn',
]);

const electron = electronBinary();
const child = electron
  ? (run(process.execPath, ['scripts/build-electron.mjs']),
    spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }))
  : (console.log(
      'Electron is not installed here (no binary in node_modules/electron): starting browser mode instead.',
    ),
    spawn(process.execPath, ['bin/chaoslab.mjs', 'serve', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    }));

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
