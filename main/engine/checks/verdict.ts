// A checker's result, ranked as Jepsen does: true < unknown < false.

export type Validity = true | false | 'unknown';

export interface Verdict {
  valid: Validity;
  /** Count per anomaly kind; only kinds that occurred, or that were checked and are 0. */
  anomalies: Record<string, number>;
  /** The first few examples of each anomaly kind. */
  examples: Record<string, unknown[]>;
  /** Per-check results, in the order checked. */
  checks: CheckResult[];
}

export interface CheckResult {
  name: string;
  valid: Validity;
  /** One line a person can read: what was checked and what was found. */
  summary: string;
  anomalies: Record<string, number>;
  examples: Record<string, unknown[]>;
  /** Extra numbers worth reporting (e.g. per-store counts). */
  stats?: Record<string, unknown>;
}
