// Names of composition-vs-cqrs: containers (also DNS names), the port, anomalies.
export const PORT = 8080;
export const IMAGE = 'saga-service';
export const DB = 'db';
export const PRODUCT = 'product';
export const DETAILS = 'details';
/** The Toxiproxy in front of the product service, on the composition path only. */
export const TOXIPROXY = 'toxiproxy';
export const PROXY_PORT = 18080;

export const ANOMALY = {
  compositionError: 'composition-error',
  readModelUnavailable: 'read-model-unavailable',
} as const;
