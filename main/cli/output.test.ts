// The CLI's image lines: one per state, then one per build step; --json gives the same as objects.
import { describe, it, expect } from 'vitest';
import { makeOutput } from './output';
import type { ImageProgress } from '../contract/channels';

function capture(opts: { json?: boolean; quiet?: boolean }) {
  const out: string[] = [];
  const err: string[] = [];
  const o = makeOutput(opts, {
    out: { write: (s: string) => out.push(s) } as unknown as typeof process.stdout,
    err: { write: (s: string) => err.push(s) } as unknown as typeof process.stderr,
  });
  return { o, out, err };
}

const steps: ImageProgress[] = [
  { name: 'kafka', tag: 'chaoslab/kafka:abc', state: 'queued', progress: 0 },
  { name: 'kafka', tag: 'chaoslab/kafka:abc', state: 'preparing', progress: 0, step: 'mvn: Downloading a' },
  { name: 'kafka', tag: 'chaoslab/kafka:abc', state: 'preparing', progress: 0, step: 'mvn: Downloading b' },
  {
    name: 'kafka',
    tag: 'chaoslab/kafka:abc',
    state: 'building',
    progress: 0.25,
    step: 'RUN apt-get install',
  },
  {
    name: 'kafka',
    tag: 'chaoslab/kafka:abc',
    state: 'building',
    progress: 0.25,
    step: 'RUN apt-get install',
  },
  { name: 'kafka', tag: 'chaoslab/kafka:abc', state: 'building', progress: 0.75, step: 'COPY jars' },
  { name: 'kafka', tag: 'chaoslab/kafka:abc', state: 'done', progress: 1 },
  { name: 'service', tag: 'chaoslab/service:def', state: 'cached', progress: 1 },
];

describe('CLI image progress', () => {
  it('text: one line per state and per build step, on stderr', () => {
    const c = capture({});
    for (const p of steps) c.o.image(p);
    expect(c.out).toEqual([]);
    expect(c.err.map((l) => l.replace(/^\[[ \d.]+s\] /, '').trim())).toEqual([
      'image kafka: queued',
      'image kafka: preparing',
      'image kafka: building (25%): RUN apt-get install',
      'image kafka: building (75%): COPY jars',
      'image kafka: done',
      'image service: cached',
    ]);
  });

  it('--json: the same lines as {type: "image"} objects on stdout; --quiet: none', () => {
    const c = capture({ json: true });
    for (const p of steps) c.o.image(p);
    const objs = c.out.map((l) => JSON.parse(l) as { type: string; state: string });
    expect(objs).toHaveLength(6);
    expect(objs.every((x) => x.type === 'image')).toBe(true);
    expect(objs.map((x) => x.state)).toEqual([
      'queued',
      'preparing',
      'building',
      'building',
      'done',
      'cached',
    ]);
    const q = capture({ quiet: true });
    for (const p of steps) q.o.image(p);
    expect([...q.out, ...q.err]).toEqual([]);
  });
});
