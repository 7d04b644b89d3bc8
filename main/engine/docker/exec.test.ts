import { describe, it, expect } from 'vitest';
import { JsonLineSplitter, demuxExecOutput } from './exec';
import { toContainerEvent } from './event-stream';

describe('JsonLineSplitter', () => {
  it('handles several objects in one chunk and one object split across chunks', () => {
    const s = new JsonLineSplitter();
    expect(s.push('{"a":1}\n{"b":2}\n{"c"')).toEqual([{ a: 1 }, { b: 2 }]);
    expect(s.push(':3}\n')).toEqual([{ c: 3 }]);
  });
  it('skips a malformed line', () => {
    expect(new JsonLineSplitter().push('nope\n{"ok":true}\n')).toEqual([{ ok: true }]);
  });
});

describe('demuxExecOutput', () => {
  it('separates stdout and stderr frames', () => {
    const frame = (type: number, s: string) => {
      const b = Buffer.from(s);
      const h = Buffer.alloc(8);
      h[0] = type;
      h.writeUInt32BE(b.length, 4);
      return Buffer.concat([h, b]);
    };
    const r = demuxExecOutput(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')]));
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
  });
});

describe('toContainerEvent', () => {
  it('maps a die event with its exit code and the lab name label', () => {
    const e = toContainerEvent({
      Type: 'container',
      Action: 'die',
      timeNano: 1_700_000_000_123_000_000,
      Actor: { ID: 'abc', Attributes: { 'io.chaoslab.name': 'order-2', exitCode: '137' } },
    });
    expect(e).toEqual({
      name: 'order-2',
      containerId: 'abc',
      action: 'die',
      exitCode: 137,
      time: 1_700_000_000_123,
    });
  });
  it('ignores exec and non-container events', () => {
    expect(toContainerEvent({ Type: 'container', Action: 'exec_start: sh' })).toBeNull();
    expect(toContainerEvent({ Type: 'network', Action: 'connect' })).toBeNull();
  });
});
