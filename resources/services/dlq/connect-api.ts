// The few calls of Kafka Connect's REST API the cdc-admin role makes.

export interface ConnectorStatus {
  /** RUNNING, PAUSED, FAILED, UNASSIGNED..., or UNREACHABLE when Connect did not answer. */
  connector: string;
  tasks: { id: number; state: string; trace?: string }[];
}

async function call(url: string, method: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, json };
}

/** Creates the connector, or updates its config: PUT /connectors/{name}/config. */
export async function putConnector(
  base: string,
  name: string,
  config: Record<string, string>,
): Promise<void> {
  const r = await call(`${base}/connectors/${encodeURIComponent(name)}/config`, 'PUT', { ...config, name });
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`PUT connector ${name}: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
}

export async function connectorStatus(base: string, name: string): Promise<ConnectorStatus> {
  try {
    const r = await call(`${base}/connectors/${encodeURIComponent(name)}/status`, 'GET');
    if (r.status !== 200) return { connector: `HTTP ${r.status}`, tasks: [] };
    const s = r.json as {
      connector?: { state?: string };
      tasks?: { id: number; state: string; trace?: string }[];
    };
    return { connector: s.connector?.state ?? 'UNKNOWN', tasks: s.tasks ?? [] };
  } catch {
    return { connector: 'UNREACHABLE', tasks: [] };
  }
}

export function isRunning(s: ConnectorStatus): boolean {
  return s.connector === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
}

export async function restartFailed(base: string, name: string): Promise<void> {
  await call(
    `${base}/connectors/${encodeURIComponent(name)}/restart?includeTasks=true&onlyFailed=true`,
    'POST',
  );
}
