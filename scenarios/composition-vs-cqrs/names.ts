// Names of composition-vs-cqrs: containers (also DNS names), the port, anomalies.
export const PORT = 8080;
export const IMAGE = 'saga-service';
export const DB = 'db';
export const PRODUCT = 'product';
export const DETAILS = 'details';

export const ANOMALY = {
  compositionError: 'composition-error',
  readModelUnavailable: 'read-model-unavailable',
} as const;
