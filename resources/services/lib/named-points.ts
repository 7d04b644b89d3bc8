// Named fault points inside a service. Code calls `await points.reach('after-commit-before-publish')`
// at the exact place; when the lab has armed that point, the service records the hit and holds
// there until the lab releases it (or kills the container, which is the usual purpose).
//   POST /points/arm      {"name": "...", "count": 1}    arm the next `count` hits (default 1)
//   POST /points/release  {"name": "..."}                 let held callers go on
//   POST /points/disarm   {"name": "..."}
//   GET  /points/hits?since=SEQ&waitMs=MS                 long-poll: hits after SEQ
// Pure Node, no dependencies: it is bundled into every service.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Hit {
  seq: number;
  name: string;
  at: number;
  detail?: unknown;
}

export class NamedPoints {
  private armed = new Map<string, number>();
  private held = new Map<string, (() => void)[]>();
  private hits: Hit[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();

  /** Resolves at once unless the point is armed; then records the hit and holds. */
  async reach(name: string, detail?: unknown): Promise<void> {
    const n = this.armed.get(name) ?? 0;
    if (n <= 0) return;
    this.armed.set(name, n - 1);
    this.hits.push({ seq: ++this.seq, name, at: Date.now(), detail });
    if (this.hits.length > 1000) this.hits.shift();
    for (const w of this.waiters) w();
    await new Promise<void>((resolve) => {
      const list = this.held.get(name) ?? [];
      list.push(resolve);
      this.held.set(name, list);
    });
  }

  arm(name: string, count = 1): void {
    this.armed.set(name, (this.armed.get(name) ?? 0) + count);
  }

  disarm(name: string): void {
    this.armed.delete(name);
  }

  release(name: string): number {
    const list = this.held.get(name) ?? [];
    this.held.delete(name);
    for (const r of list) r();
    return list.length;
  }

  hitsSince(since: number): Hit[] {
    return this.hits.filter((h) => h.seq > since);
  }

  async waitForHits(since: number, waitMs: number): Promise<Hit[]> {
    const now = this.hitsSince(since);
    if (now.length || waitMs <= 0) return now;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(waitMs, 30_000));
      this.waiters.add(done);
    });
    return this.hitsSince(since);
  }

  /** Handles /points/* requests; returns false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, body: unknown): boolean | Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/points/')) return false;
    const send = (status: number, v: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(v));
    };
    const b = (body ?? {}) as { name?: unknown; count?: unknown };
    const name = typeof b.name === 'string' ? b.name : '';
    switch (`${req.method} ${url.pathname}`) {
      case 'POST /points/arm':
        if (!name) return (send(400, { error: 'name required' }), true);
        this.arm(name, typeof b.count === 'number' && b.count > 0 ? b.count : 1);
        return (send(200, { armed: name }), true);
      case 'POST /points/release':
        return (send(200, { released: this.release(name) }), true);
      case 'POST /points/disarm':
        this.disarm(name);
        return (send(200, { disarmed: name }), true);
      case 'GET /points/hits': {
        const since = Number(url.searchParams.get('since') ?? 0);
        const waitMs = Number(url.searchParams.get('waitMs') ?? 0);
        return this.waitForHits(since, waitMs).then((hits) => {
          send(200, { hits, seq: this.seq });
          return true;
        });
      }
      default:
        return (send(404, { error: 'unknown points endpoint' }), true);
    }
  }
}

export const points = new NamedPoints();
