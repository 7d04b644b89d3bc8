// Docker multiplexes stdout/stderr of a non-TTY stream as frames: [type, 0,0,0, size(4)] payload.

export function demuxExecOutput(buf: Buffer): { stdout: string; stderr: string; text: string } {
  let i = 0;
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  const looksMultiplexed =
    buf.length >= 8 && (buf[0] === 1 || buf[0] === 2) && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
  if (!looksMultiplexed) {
    const s = buf.toString('utf8');
    return { stdout: s, stderr: '', text: s };
  }
  while (i + 8 <= buf.length) {
    const type = buf[i];
    const size = buf.readUInt32BE(i + 4);
    const chunk = buf.subarray(i + 8, i + 8 + size);
    (type === 2 ? err : out).push(chunk);
    all.push(chunk);
    i += 8 + size;
  }
  return {
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
    text: Buffer.concat(all).toString('utf8'),
  };
}

/** Splits a stream of newline-delimited JSON: a chunk may hold several objects or half of one. */
export class JsonLineSplitter {
  private rest = '';
  push(chunk: Buffer | string): unknown[] {
    this.rest += chunk.toString();
    const lines = this.rest.split('\n');
    this.rest = lines.pop() ?? '';
    const out: unknown[] = [];
    for (const line of lines) {
      const s = line.trim();
      if (!s) continue;
      try {
        out.push(JSON.parse(s));
      } catch {
        // A malformed line is skipped, never fatal.
      }
    }
    return out;
  }
}
