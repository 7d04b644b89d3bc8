// Errors cross every boundary as values: {error: {code, message, definite}}.

export type ErrorCode =
  | 'DOCKER_UNAVAILABLE'
  | 'IMAGE_BUILD_FAILED'
  | 'SCENARIO_INVALID'
  | 'SCENARIO_UNKNOWN'
  | 'PARAM_INVALID'
  | 'CONTAINER_NOT_FOUND'
  | 'CONTAINER_FAILED'
  | 'PORT_IN_USE'
  | 'OUTPUT_NOT_WRITABLE'
  | 'RUN_NOT_FOUND'
  | 'RUN_ABORTED'
  | 'BAD_REQUEST'
  | 'INTERNAL';

export class LabError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** True when the failed action definitely did not take effect. */
    public readonly definite = true,
    public readonly detail?: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
}

export interface ErrorValue {
  error: { code: ErrorCode; message: string; definite: boolean; detail?: string };
}

export function toErrorValue(e: unknown): ErrorValue {
  if (e instanceof LabError) {
    return { error: { code: e.code, message: e.message, definite: e.definite, detail: e.detail } };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { error: { code: 'INTERNAL', message, definite: false } };
}

export function isErrorValue(v: unknown): v is ErrorValue {
  return (
    typeof v === 'object' && v !== null && 'error' in v && typeof (v as ErrorValue).error?.code === 'string'
  );
}
