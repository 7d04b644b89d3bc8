// The edge to a Toxiproxy server's HTTP API: add and remove a toxic on a proxy.
import type { Endpoint } from '../scenario';
import type { Toxic } from './proxies';
import { LabError } from '../errors';

async function call(ep: Endpoint, method: string, path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`http://${ep.host}:${ep.port}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
  } catch (e) {
    throw new LabError(
      'CONTAINER_FAILED',
      `Toxiproxy at ${ep.host}:${ep.port} did not answer ${method} ${path}: ${e instanceof Error ? e.message : String(e)} (is its container running?)`,
      false,
    );
  }
}

/** Adds the toxic to the proxy, replacing one of the same name (a second latency click). */
export async function addToxic(ep: Endpoint, proxy: string, toxic: Toxic): Promise<void> {
  const path = `/proxies/${encodeURIComponent(proxy)}/toxics`;
  let res = await call(ep, 'POST', path, toxic);
  if (res.status === 409) res = await call(ep, 'POST', `${path}/${encodeURIComponent(toxic.name)}`, toxic);
  if (!res.ok)
    throw new LabError(
      'BAD_REQUEST',
      `Toxiproxy refused the ${toxic.type} toxic on ${proxy}: ${res.status} ${(await res.text()).trim()}`,
      true,
    );
}

/** Removes the toxic; a toxic or proxy already gone (a restarted Toxiproxy) is fine. */
export async function removeToxic(ep: Endpoint, proxy: string, name: string): Promise<void> {
  const res = await call(
    ep,
    'DELETE',
    `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(name)}`,
  );
  if (!res.ok && res.status !== 404)
    throw new LabError('BAD_REQUEST', `Toxiproxy did not remove ${name} from ${proxy}: ${res.status}`, true);
}

/** The toxics in force on a proxy, as Toxiproxy reports them. */
export async function listToxics(ep: Endpoint, proxy: string): Promise<Toxic[]> {
  const res = await call(ep, 'GET', `/proxies/${encodeURIComponent(proxy)}/toxics`);
  if (!res.ok) throw new LabError('BAD_REQUEST', `Toxiproxy: GET toxics of ${proxy}: ${res.status}`, true);
  return (await res.json()) as Toxic[];
}
