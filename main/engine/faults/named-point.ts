// The lab's side of named fault points (see resources/services/lib/named-points.ts): arm a
// point in a service, wait until the service reaches it and holds, then act (kill it there).
import type { Endpoint } from '../scenario';
import { httpJson } from '../workload/http-json';
import { LabError } from '../errors';

export interface PointHit {
  seq: number;
  name: string;
  at: number;
  detail?: unknown;
}

/**
 * Arms a point and returns the hit sequence number as it was BEFORE arming, so a hit that
 * comes at once (between the arm and our first poll) is never missed.
 */
export async function armPoint(ep: Endpoint, name: string, count = 1): Promise<number> {
  const before = await httpJson(ep, 'GET', '/points/hits?since=0&waitMs=0', undefined, 3000);
  const seq = (before.body as { seq?: number })?.seq ?? 0;
  const r = await httpJson(ep, 'POST', '/points/arm', { name, count }, 3000);
  if (r.status !== 200) throw new LabError('BAD_REQUEST', `could not arm point '${name}': HTTP ${r.status}`);
  return seq;
}

/** Disarms a point and lets anything held there go on (used when the lab gives up waiting). */
export async function disarmPoint(ep: Endpoint, name: string): Promise<void> {
  await httpJson(ep, 'POST', '/points/disarm', { name }, 3000);
  await httpJson(ep, 'POST', '/points/release', { name }, 3000);
}

export async function releasePoint(ep: Endpoint, name: string): Promise<number> {
  const r = await httpJson(ep, 'POST', '/points/release', { name }, 3000);
  return (r.body as { released?: number })?.released ?? 0;
}

/** Long-polls until the point is hit after `since`; null on timeout or abort. */
export async function waitForHit(
  endpoint: () => Endpoint,
  name: string,
  since: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<PointHit | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal?.aborted) {
    try {
      const waitMs = Math.min(1000, Math.max(0, deadline - Date.now()));
      const r = await httpJson(
        endpoint(),
        'GET',
        `/points/hits?since=${since}&waitMs=${waitMs}`,
        undefined,
        waitMs + 3000,
        signal,
      );
      const hits = ((r.body as { hits?: PointHit[] })?.hits ?? []).filter((h) => h.name === name);
      if (hits.length) return hits[0];
    } catch {
      await new Promise((res) => setTimeout(res, 100)); // container restarting: try again
    }
  }
  return null;
}
