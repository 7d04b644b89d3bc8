// What a scenario is: plain data plus pure functions. A scenario module never touches
// Docker or Electron; the runner turns its plan into containers, ops, faults and probes.
import type { Op, History } from './history';
import type { FaultRequest, SampleKind, StoreSnapshot, TopologyLink, RunEvent } from './events';
import type { CheckResult, Validity } from './checks/verdict';
import type { ProxySpec } from './toxiproxy/proxies';

export interface Bilingual {
  en: string;
  ko: string;
}

export interface Explanation {
  problem: string;
  pattern: string;
  tryThis: string;
  expect: string;
}

export type KnobValue = number | string | boolean;

export type KnobSpec =
  | { name: string; kind: 'int'; default: number; min: number; max: number; label: Bilingual }
  | { name: string; kind: 'enum'; default: string; values: string[]; label: Bilingual }
  | { name: string; kind: 'bool'; default: boolean; label: Bilingual };

export type Params = Record<string, KnobValue>;

export type WaitStrategy =
  | {
      kind: 'http';
      port: number;
      path: string;
      status?: number;
      /** Ready only when the body matches `pattern` at least `count` times. */
      match?: { pattern: string; count: number };
      timeoutMs?: number;
    }
  | { kind: 'log'; pattern: string; timeoutMs?: number }
  | { kind: 'exec'; cmd: string[]; timeoutMs?: number }
  | { kind: 'port'; port: number; timeoutMs?: number }
  /** A Kafka node answering a metadata request (with a controller) on this container port. */
  | { kind: 'kafka'; port: number; timeoutMs?: number }
  | { kind: 'none' };

export interface ContainerSpec {
  /** Logical name, unique in the run, also its DNS name on the run's network: "order-1". */
  name: string;
  role: string;
  /** Logical image name: a folder of resources/images, e.g. "service", "haproxy". */
  image: string;
  env?: Record<string, string>;
  cmd?: string[];
  /** Container ports published on the engine's loopback at random host ports. */
  ports?: number[];
  wait: WaitStrategy;
  /** Containers that must be ready before this one starts. */
  dependsOn?: string[];
  /**
   * Containers that must be started (their name resolves on the run's network), not ready,
   * before this one starts: for a container that waits for them on its own (retries, health
   * checks), so its start-up overlaps theirs.
   */
  after?: string[];
  capAdd?: string[];
  tmpfs?: Record<string, string>;
  /** Kernel settings of the container's own namespaces (network ones: net.ipv4.*). */
  sysctls?: Record<string, string>;
  /** Restart the container in place when a fault restarts it (default true). */
  restartable?: boolean;
  /** Port serving /points/* (named fault points); default: the first published port. */
  controlPort?: number;
}

/** A store the lab reads: over HTTP from the container, answering {"ids": [...]}. */
export interface StoreSpec {
  name: string;
  container: string;
  port: number;
  path: string;
  /**
   * 'rows' (default): a store of rows, compared with the other stores (convergence) and with
   * the acknowledged writes (divergence). 'gauge': a quantity read the same way (one id per
   * unit, e.g. per KiB of WAL or per message in a DLQ), charted on its own, never compared.
   */
  kind?: SampleKind;
  /** A gauge's unit, for its chart: "KiB", "messages". */
  unit?: string;
}

/**
 * The lag of Kafka consumer groups, sampled by the lab with an admin client: per group, the
 * sum over its topics' partitions of the log-end offset minus the group's committed offset
 * (the log-start offset where it has committed none). Each group is a gauge series
 * "lag:<group>" in messages. The brokers' port must be published (the lab reaches them on
 * it; the addresses the brokers advertise are mapped to the published ports).
 */
export interface ConsumerLagSpec {
  /** Broker containers to bootstrap from. */
  brokers: string[];
  /** Their PLAINTEXT port (default 9092). */
  port?: number;
  groups: { group: string; topics: string[] }[];
}

/** One step of a pure generator's schedule. `at` is ms after the workload started. */
export type Step =
  | { at: number; process: string; f: string; value?: unknown }
  | { at: number; process: 'nemesis'; fault: FaultRequest; snapshotBefore?: boolean };

export interface Completion {
  type: 'ok' | 'fail' | 'info';
  value?: unknown;
  node?: string;
  error?: string;
}

export interface Endpoint {
  host: string;
  port: number;
}

export interface ClientContext {
  /** Where the lab reaches a container's port (published port on the engine's host). */
  endpoint(container: string, port: number): Endpoint;
}

export interface Client {
  invoke(op: Op, signal: AbortSignal): Promise<Completion>;
  close?(): Promise<void>;
}

export interface CheckInput {
  params: Params;
  history: History;
  /** Store contents read at the end, after quiescence. */
  finalStores: StoreSnapshot[];
  /** Every event recorded during the run (faults, samples, snapshots...). */
  events: readonly RunEvent[];
}

export interface Checker {
  name: string;
  check(input: CheckInput): CheckResult;
}

/** One probe of the steady-state hypothesis: true, or a reason it does not hold. */
export interface SteadyStateProbe {
  name: string;
  description: string;
  holds(stores: StoreSnapshot[]): true | string | false;
}

export interface ScenarioPlan {
  containers: ContainerSpec[];
  links: TopologyLink[];
  stores: StoreSpec[];
  /**
   * Links routed through a Toxiproxy container of the plan (see toxiproxyContainer): network
   * faults (latency, bandwidth, timeout, reset) on a proxied container go through them.
   */
  proxies?: ProxySpec[];
  schedule: Step[];
  client(ctx: ClientContext): Client;
  checks: Checker[];
  /** How often each store is sampled (ms). */
  probeIntervalMs: number;
  /** Consumer groups whose lag is sampled at the probe interval (Kafka scenarios). */
  consumerLag?: ConsumerLagSpec;
  /** How long to wait after the schedule ends (and every fault healed) before final reads. */
  quiesceMs: number;
  /**
   * What must hold before faults and again after recovery (default: every store answers).
   * Reported as met / not met by the 'steady-state' check.
   */
  steadyState?: SteadyStateProbe[];
  /** What a run with these params is expected to show. */
  expected: { valid: Validity; anomalies: string[] };
}

export interface ScenarioDefinition {
  id: string;
  title: Bilingual;
  summary: Bilingual;
  explanation: { en: Explanation; ko: Explanation };
  /** Seed documents whose claims this scenario proves. */
  seeds: string[];
  pack: 1 | 2 | 3;
  knobs: KnobSpec[];
  /** Pure: the same params and seed give the same plan. */
  plan(params: Params, seed: number): ScenarioPlan;
}
