// The run's event log on disk: what is appended is read back in order, samples share their ids
// again, and what the disk refused is kept in memory rather than lost.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunEventLog } from './run-event-log';
import type { RunEvent } from './events';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-eventlog-'));
const sample = (t: number, ids: string[]): RunEvent => ({
  type: 'sample',
  t,
  probe: 'http',
  store: 's1',
  rows: ids.length,
  ids,
});

describe('RunEventLog', () => {
  it('reads back what was appended, in order; knows the count, the phase and the end', () => {
    const log = new RunEventLog(tmp());
    const events: RunEvent[] = [
      { type: 'phase', t: 1, phase: 'running' },
      sample(2, ['a', 'b']),
      { type: 'log', t: 3, level: 'info', message: 'héllo "quoted"\nline' },
      { type: 'end', t: 4, status: 'completed', endedAt: '2026-11-25T00:00:00.000Z' },
    ];
    for (const e of events) log.append(e);
    expect(log.size).toBe(4);
    expect(log.phase).toBe('running');
    expect(log.end?.status).toBe('completed');
    expect(log.all()).toEqual(events);
    log.close();
    expect(log.all()).toEqual(events); // still readable once closed
  });

  it('samples with the same ids as their store’s previous one share one array when read back', () => {
    const log = new RunEventLog(tmp());
    log.append(sample(1, ['a', 'b']));
    log.append(sample(2, ['a', 'b']));
    log.append(sample(3, ['a', 'b', 'c']));
    const [x, y, z] = log.all() as Extract<RunEvent, { type: 'sample' }>[];
    expect(y.ids).toBe(x.ids);
    expect(z.ids).not.toBe(x.ids);
    expect(z.ids).toEqual(['a', 'b', 'c']);
  });

  it('holds nothing in memory while the disk takes the events', () => {
    const dir = tmp();
    const log = new RunEventLog(dir);
    for (let i = 0; i < 1000; i++) log.append(sample(i, [`id-${i}`]));
    expect(fs.readFileSync(path.join(dir, 'run.jsonl'), 'utf8').split('\n')).toHaveLength(1001);
    expect((log as unknown as { unstored: unknown[] }).unstored).toHaveLength(0);
    expect(log.all()).toHaveLength(1000);
  });

  it('an event the disk refused is kept in memory, with every later one, after those on disk', () => {
    const log = new RunEventLog(tmp());
    log.append({ type: 'phase', t: 1, phase: 'running' });
    log.close(); // from here every append to the store throws, like a full disk
    log.append(sample(2, ['a']));
    log.append({ type: 'phase', t: 3, phase: 'teardown' });
    expect(log.all().map((e) => e.t)).toEqual([1, 2, 3]);
    expect(log.size).toBe(3);
  });
});
