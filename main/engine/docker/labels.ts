// Every object the lab creates carries these labels; the lab never touches an object
// without MANAGED_LABEL, whatever its name.

export const MANAGED_LABEL = 'io.chaoslab.managed';
export const RUN_LABEL = 'io.chaoslab.run';
export const OWNER_PID_LABEL = 'io.chaoslab.owner-pid';
export const OWNER_HOST_LABEL = 'io.chaoslab.owner-host';
export const OWNER_STARTED_LABEL = 'io.chaoslab.owner-started';
export const NAME_LABEL = 'io.chaoslab.name';
export const ROLE_LABEL = 'io.chaoslab.role';

export interface Owner {
  pid: number;
  host: string;
  /** Process start time (ms since epoch): pid reuse cannot make a dead owner look alive. */
  started: number;
}

export function labelsFor(
  runId: string,
  owner: Owner,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    [MANAGED_LABEL]: 'true',
    [RUN_LABEL]: runId,
    [OWNER_PID_LABEL]: String(owner.pid),
    [OWNER_HOST_LABEL]: owner.host,
    [OWNER_STARTED_LABEL]: String(owner.started),
    ...extra,
  };
}

export function isManaged(labels: Record<string, string> | undefined | null): boolean {
  return !!labels && labels[MANAGED_LABEL] === 'true';
}

/** Docker API filter selecting only managed objects (optionally of one run). */
export function managedFilter(runId?: string): { label: string[] } {
  return { label: runId ? [`${MANAGED_LABEL}=true`, `${RUN_LABEL}=${runId}`] : [`${MANAGED_LABEL}=true`] };
}
