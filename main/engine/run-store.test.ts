import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createRunStore, parseRunLog, readRunLog } from './run-store';
import { LabError } from './errors';
import type { RunEvent } from './events';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'run-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const meta: RunEvent = {
  type: 'meta',
  t: 0,
  runId: 'r1',
  scenario: 'split-stores',
  params: { orders: 5 },
  startedAt: '2026-01-01T00:00:00.000Z',
  seed: 1,
  labVersion: '0.1.0',
};
const phase: RunEvent = { type: 'phase', t: 10, phase: 'running' };

describe('createRunStore', () => {
  it('creates the directory and writes one JSON line per event, readable at once', () => {
    const dir = path.join(tmp(), 'nested', 'run');
    const store = createRunStore(dir);
    store.append(meta);
    // Readable before close: each append is a synchronous write.
    expect(readRunLog(dir)).toEqual({ events: [meta], truncated: false, skippedLines: 0 });
    store.append(phase);
    store.close();
    store.close();
    const text = fs.readFileSync(path.join(dir, 'run.jsonl'), 'utf8');
    expect(text.split('\n')).toHaveLength(3);
    expect(readRunLog(path.join(dir, 'run.jsonl')).events).toEqual([meta, phase]);
  });

  it('refuses to append after close', () => {
    const store = createRunStore(tmp());
    store.close();
    expect(() => store.append(meta)).toThrow(LabError);
  });

  it('fails with OUTPUT_NOT_WRITABLE naming the path and the fix when the dir cannot be made', () => {
    const file = path.join(tmp(), 'a-file');
    fs.writeFileSync(file, 'x');
    const bad = path.join(file, 'run');
    try {
      createRunStore(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LabError);
      expect((e as LabError).code).toBe('OUTPUT_NOT_WRITABLE');
      expect((e as LabError).message).toContain(bad);
      expect((e as LabError).message).toContain('--out DIR');
    }
  });

  it("never appends to another run's log", () => {
    const dir = tmp();
    const s = createRunStore(dir);
    s.append(meta);
    s.close();
    expect(() => createRunStore(dir)).toThrow(/already holds a run log/);
  });

  it('leaves a readable prefix when the writing process is killed with SIGKILL', () => {
    const dir = tmp();
    const script = `
      import { createRunStore } from ${JSON.stringify(path.resolve(__dirname, 'run-store.ts'))};
      const s = createRunStore(${JSON.stringify(dir)});
      for (let i = 0; i < 50; i++) s.append({ type: 'log', t: i, level: 'info', message: 'line ' + i });
      process.kill(process.pid, 'SIGKILL');
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.signal).toBe('SIGKILL');
    const log = readRunLog(dir);
    expect(log.events).toHaveLength(50);
    expect(log.truncated).toBe(false);
  });
});

describe('readRunLog / parseRunLog', () => {
  it('tolerates a cut-off last line and says so', () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, 'run.jsonl'),
      JSON.stringify(meta) + '\n' + JSON.stringify(phase) + '\n{"type":"op","t":12,"op":{"proc',
    );
    expect(readRunLog(dir)).toEqual({ events: [meta, phase], truncated: true, skippedLines: 0 });
  });

  it('accepts a complete last line that lost only its newline', () => {
    expect(parseRunLog(JSON.stringify(meta) + '\n' + JSON.stringify(phase))).toEqual({
      events: [meta, phase],
      truncated: false,
      skippedLines: 0,
    });
  });

  it('skips corrupt lines in the middle instead of failing', () => {
    const r = parseRunLog(
      JSON.stringify(meta) + '\nnot json\n{"no":"type"}\n\n' + JSON.stringify(phase) + '\n',
    );
    expect(r).toEqual({ events: [meta, phase], truncated: false, skippedLines: 2 });
  });

  it('reads an empty log as no events', () => {
    expect(parseRunLog('')).toEqual({ events: [], truncated: false, skippedLines: 0 });
  });

  it('fails with RUN_NOT_FOUND for a missing run', () => {
    expect(() => readRunLog(path.join(tmp(), 'nope'))).toThrow(
      expect.objectContaining({ code: 'RUN_NOT_FOUND' }),
    );
  });
});
