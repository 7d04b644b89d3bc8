import { describe, expect, it } from 'vitest';
import { BuildProgress, shortStep } from './build-progress';

describe('BuildProgress', () => {
  it('follows Step N/M lines, even split across entries', () => {
    const p = new BuildProgress();
    expect(p.progress).toBe(0);
    expect(p.push({ stream: 'Step 1/4 : FROM debian:bookworm-slim' })).toBe(true);
    expect(p.step).toEqual({ n: 1, total: 4, instruction: 'FROM debian:bookworm-slim' });
    expect(p.progress).toBe(0);
    p.push({ stream: '\n' });
    p.push({ stream: ' ---> 78062f0e9955\n' });
    expect(p.push({ stream: 'Step 2/4 : RUN apt-get upd' })).toBe(true);
    expect(p.progress).toBe(0.25);
    expect(p.push({ stream: 'ate\n ---> Running in abc\nGet:1 http://x bookworm InRelease\n' })).toBe(true);
    expect(p.step?.instruction).toBe('RUN apt-get update');
    expect(p.push({ stream: 'Reading package lists...\n' })).toBe(false);
    expect(p.tail()).toEqual([
      'Step 1/4 : FROM debian:bookworm-slim',
      ' ---> 78062f0e9955',
      'Step 2/4 : RUN apt-get update',
      ' ---> Running in abc',
      'Get:1 http://x bookworm InRelease',
      'Reading package lists...',
    ]);
    p.push({ stream: 'Step 4/4 : CMD ["node"]\n' });
    expect(p.progress).toBe(0.75);
    p.push({ aux: { ID: 'sha256:abc' } });
    expect(p.imageId).toBe('sha256:abc');
    expect(p.error).toBeNull();
  });

  it('records the error and names the failing step', () => {
    const p = new BuildProgress();
    p.push({ stream: 'Step 1/3 : FROM debian:bookworm-slim\n' });
    p.push({ stream: 'Step 2/3 : RUN false\n' });
    p.push({ stream: ' ---> Running in 123\n' });
    p.push({
      errorDetail: { code: 1, message: "The command '/bin/sh -c false' returned a non-zero code: 1" },
      error: "The command '/bin/sh -c false' returned a non-zero code: 1",
    });
    expect(p.error).toMatch(/non-zero code: 1/);
    expect(p.failingStep()).toBe('RUN false');
    expect(p.tail().at(-1)).toMatch(/non-zero code/);
  });

  it('keeps only the last 20 lines', () => {
    const p = new BuildProgress();
    p.push({ stream: Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n' });
    expect(p.tail()).toHaveLength(20);
    expect(p.tail()[0]).toBe('line 30');
    expect(p.tail()[19]).toBe('line 49');
  });

  it('reports a failure before any step', () => {
    const p = new BuildProgress();
    p.push({ error: 'dockerfile parse error line 3: unknown instruction: FOO' });
    expect(p.failingStep()).toBe('before the first step');
    expect(p.error).toMatch(/unknown instruction/);
  });
});

describe('shortStep', () => {
  it('collapses whitespace and cuts long instructions', () => {
    expect(shortStep('RUN a  \\\n   && b')).toBe('RUN a \\ && b');
    expect(shortStep('RUN ' + 'x'.repeat(200), 20)).toHaveLength(20);
  });
});
