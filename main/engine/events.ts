// Everything a run records: one of these per line of run.jsonl, and the same objects are
// streamed live to the UI. `t` is milliseconds since the run started.
import type { Op } from './history';
import type { Verdict } from './checks/verdict';

export type FaultKind =
  | 'kill'
  | 'stop'
  | 'start'
  | 'restart'
  | 'pause'
  | 'unpause'
  | 'partition'
  | 'heal'
  | 'point'
  // Network faults through a Toxiproxy in front of the target (see engine/toxiproxy):
  | 'latency'
  | 'bandwidth'
  | 'timeout'
  | 'reset';

/** Kinds carried out by a toxic in a Toxiproxy in front of the target, healed by 'heal'. */
export const NETWORK_FAULT_KINDS = ['latency', 'bandwidth', 'timeout', 'reset'] as const satisfies FaultKind[];

/** Which kinds a healing kind ends (reports and the UI pair faults with their heals by these). */
export const FAULT_HEALS: Partial<Record<FaultKind, FaultKind[]>> = {
  start: ['kill', 'stop', 'point'],
  restart: ['kill', 'stop', 'point', 'pause'],
  unpause: ['pause'],
  heal: ['partition', ...NETWORK_FAULT_KINDS],
};
/** Kinds that open an interval in which the target is faulty. */
export const FAULT_OPENS: ReadonlySet<FaultKind> = new Set<FaultKind>([
  'kill',
  'stop',
  'pause',
  'partition',
  'point',
  ...NETWORK_FAULT_KINDS,
]);

export type FaultSource = 'lab' | 'user' | 'external';

export interface FaultRequest {
  kind: FaultKind;
  /** Container's logical name in the topology, e.g. "order-2". */
  target: string;
  /** For partition: the peer to cut off from ("all" when absent). */
  peer?: string;
  /** For latency: milliseconds added to every response... */
  latencyMs?: number;
  /** ...plus or minus this much, at random. */
  jitterMs?: number;
  /** For bandwidth: responses limited to this many KB/s. */
  rateKBps?: number;
  /** For timeout and reset: the connection is closed (reset) this long after it opens; 0: at once for reset, never for timeout. */
  afterMs?: number;
  /** For faults that last: heal automatically after this long. */
  durationMs?: number;
  /** For kind 'point': the named point to arm in the target service... */
  point?: string;
  /** ...what to do when the service holds there (default kill)... */
  then?: 'kill' | 'stop' | 'pause' | 'release';
  /** ...and how long to wait for it to be reached (default 60 s). */
  timeoutMs?: number;
}

export type RunPhase =
  'setup' | 'images' | 'starting' | 'running' | 'quiesce' | 'final-read' | 'check' | 'teardown' | 'done';

export type RunStatus = 'completed' | 'aborted' | 'error';

/**
 * What a probe measures. 'rows' (the default when absent): a store of rows, one id per row,
 * which convergence and divergence compare against the acknowledged writes. 'gauge': a
 * quantity that rises and falls (WAL held by a slot, a consumer group's lag, a queue's
 * depth), charted on its own and never compared with the stores.
 */
export type SampleKind = 'rows' | 'gauge';

export interface StoreSnapshot {
  name: string;
  rows: number;
  ids: string[];
  /** False when the store could not be read (container down). */
  available: boolean;
  /** Absent: 'rows'. */
  kind?: SampleKind;
  /** A gauge's unit ("KiB", "messages"), when it has one. */
  unit?: string;
}

export type RunEvent =
  | {
      type: 'meta';
      t: 0;
      runId: string;
      scenario: string;
      params: Record<string, unknown>;
      startedAt: string;
      seed: number;
      labVersion: string;
      owner?: { pid: number; host: string; started: number };
    }
  | { type: 'phase'; t: number; phase: RunPhase; detail?: string }
  | { type: 'op'; t: number; op: Op }
  | {
      type: 'fault';
      t: number;
      id: string;
      request: FaultRequest;
      source: FaultSource;
      state: 'requested' | 'applied' | 'failed' | 'healed';
      error?: string;
      tookMs?: number;
    }
  | { type: 'container'; t: number; name: string; containerId: string; action: string; exitCode?: number }
  | {
      type: 'sample';
      t: number;
      probe: string;
      store: string;
      /** Rows held, or a gauge's value; null when it could not be read. */
      rows: number | null;
      ids?: string[];
      /** Absent: 'rows'. */
      kind?: SampleKind;
      unit?: string;
    }
  | { type: 'snapshot'; t: number; reason: string; stores: StoreSnapshot[] }
  | { type: 'topology'; t: number; containers: TopologyNode[]; links: TopologyLink[] }
  | { type: 'log'; t: number; level: 'info' | 'warn' | 'error'; message: string }
  | { type: 'verdict'; t: number; verdict: Verdict }
  | { type: 'end'; t: number; status: RunStatus; endedAt: string; error?: string };

export interface TopologyNode {
  name: string;
  role: string;
  image: string;
  containerId?: string;
  state?: string;
  /** The Toxiproxy container in front of this one, when network faults (latency...) can reach it. */
  proxiedBy?: string;
}

export interface TopologyLink {
  from: string;
  to: string;
  label?: string;
}
