// Reads a store the way a person would check it by hand: asking the container directly,
// bypassing any load balancer. A gauge (StoreSpec.kind) is read the same way and keeps its
// kind and unit, so the samples and snapshots say what they measure.
import type { StoreSpec, Endpoint } from '../scenario';
import type { StoreSnapshot } from '../events';
import { httpJson } from '../workload/http-json';

export async function readStore(
  spec: StoreSpec,
  endpoint: (c: string, p: number) => Endpoint,
  timeoutMs = 1500,
): Promise<StoreSnapshot> {
  const kind =
    spec.kind === 'gauge' ? { kind: 'gauge' as const, ...(spec.unit ? { unit: spec.unit } : {}) } : {};
  try {
    const r = await httpJson(endpoint(spec.container, spec.port), 'GET', spec.path, undefined, timeoutMs);
    const ids = (r.body as { ids?: unknown })?.ids;
    if (r.status !== 200 || !Array.isArray(ids))
      return { name: spec.name, rows: 0, ids: [], available: false, ...kind };
    const list = ids.map(String);
    return { name: spec.name, rows: list.length, ids: list, available: true, ...kind };
  } catch {
    return { name: spec.name, rows: 0, ids: [], available: false, ...kind };
  }
}

export function readStores(
  specs: StoreSpec[],
  endpoint: (c: string, p: number) => Endpoint,
  timeoutMs?: number,
): Promise<StoreSnapshot[]> {
  return Promise.all(specs.map((s) => readStore(s, endpoint, timeoutMs)));
}
