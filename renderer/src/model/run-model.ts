// A run as the UI sees it, built incrementally from its RunEvents (live or loaded): node
// states, series for the charts, fault intervals, the timeline and the verdict. Applying an
// event is O(size of that event); nothing is recomputed from the start. Pure (no I/O).
import type {
  FaultKind,
  FaultSource,
  RunEvent,
  RunPhase,
  RunStatus,
  TopologyLink,
  TopologyNode,
  Verdict,
} from './types';
import { FAULT_HEALS, FAULT_OPENS, NETWORK_FAULT_KINDS } from './types';
import type { Point } from './lttb';
import { idOf } from './op-values';

export interface FaultInterval {
  id: string;
  kind: FaultKind;
  target: string;
  peer?: string;
  /** When it took effect (ms since start). */
  from: number;
  /** When it was healed; null while open. */
  to: number | null;
  source: FaultSource;
}

export interface NodeState {
  /** created | running | paused | exited | removed | unknown */
  state: string;
  /** Peers it is cut off from ("all" for every peer). */
  partitioned: string[];
  /** Network faults in force through the Toxiproxy in front of it (latency, bandwidth...). */
  network: FaultKind[];
  exitCode?: number;
  since: number;
}

/** What the UI shows for a container it has heard nothing of yet. */
export function unknownNode(since = 0): NodeState {
  return { state: 'unknown', partitioned: [], network: [], since };
}

export type Outcome = 'ok' | 'fail' | 'info';
export const OUTCOMES: readonly Outcome[] = ['ok', 'fail', 'info'];

const HEALS = FAULT_HEALS;
const OPENS = FAULT_OPENS;
const NETWORK = new Set<FaultKind>(NETWORK_FAULT_KINDS);

export class RunModel {
  readonly events: RunEvent[] = [];
  /** Bumped on every applied event: the UI's cheap change detector. */
  version = 0;
  meta?: Extract<RunEvent, { type: 'meta' }>;
  phase?: RunPhase;
  status: RunStatus | 'running' = 'running';
  endedAt?: string;
  error?: string;
  /** Largest t seen (ms). */
  endT = 0;
  topology: { containers: TopologyNode[]; links: TopologyLink[] } | null = null;
  readonly nodes = new Map<string, NodeState>();
  /** probe -> store -> points (rows: null while the store could not be read). Gauges not included. */
  readonly samples = new Map<string, Map<string, Point[]>>();
  /** gauge -> points (WAL held, consumer lag, a DLQ's depth; null while unreadable). */
  readonly gauges = new Map<string, Point[]>();
  /** gauge -> its unit ("KiB", "messages"), undefined when it names none. */
  readonly gaugeUnits = new Map<string, string | undefined>();
  /** store -> acknowledged writes missing from it at each sample. */
  readonly missing = new Map<string, Point[]>();
  /** Completed ops per one-second bucket. */
  readonly throughput: Record<Outcome, number[]> = { ok: [], fail: [], info: [] };
  readonly ops = { invoked: 0, ok: 0, fail: 0, info: 0 };
  readonly faults: FaultInterval[] = [];
  /** Indexes into events of what the timeline shows. */
  readonly timeline: number[] = [];
  verdict?: Verdict;
  /** The first event's seq is 0: true when the model holds the run from its start. */
  complete = false;

  private readonly acked = new Set<string>();
  private readonly open: FaultInterval[] = [];

  constructor(readonly runId: string) {}

  get count(): number {
    return this.events.length;
  }

  applyAll(events: readonly RunEvent[]): this {
    for (const e of events) this.apply(e);
    return this;
  }

  apply(e: RunEvent): void {
    const index = this.events.length;
    this.events.push(e);
    this.version++;
    if (e.t > this.endT) this.endT = e.t;
    switch (e.type) {
      case 'meta':
        this.meta = e;
        this.complete = index === 0;
        break;
      case 'phase':
        this.phase = e.phase;
        this.timeline.push(index);
        break;
      case 'topology':
        this.topology = { containers: e.containers, links: e.links };
        for (const c of e.containers) {
          const prev = this.nodes.get(c.name);
          this.nodes.set(c.name, {
            state: c.state ?? prev?.state ?? 'created',
            partitioned: prev?.partitioned ?? [],
            network: prev?.network ?? [],
            since: e.t,
          });
        }
        break;
      case 'container':
        this.onContainer(e);
        this.timeline.push(index);
        break;
      case 'fault':
        this.onFault(e);
        this.timeline.push(index);
        break;
      case 'op':
        this.onOp(e.op.type, e.op.f, e.op.value, e.op.time);
        break;
      case 'sample':
        this.onSample(e);
        break;
      case 'log':
        this.timeline.push(index);
        break;
      case 'verdict':
        this.verdict = e.verdict;
        this.timeline.push(index);
        break;
      case 'end':
        this.status = e.status;
        this.endedAt = e.endedAt;
        this.error = e.error;
        for (const f of this.open.splice(0)) f.to = e.t;
        this.timeline.push(index);
        break;
      case 'snapshot':
        break;
    }
  }

  /** Store names seen in samples, in order of first appearance. */
  get stores(): string[] {
    const names = new Set<string>();
    for (const byStore of this.samples.values()) for (const s of byStore.keys()) names.add(s);
    return [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }

  private node(name: string, t: number): NodeState {
    let n = this.nodes.get(name);
    if (!n) this.nodes.set(name, (n = unknownNode(t)));
    return n;
  }

  private onContainer(e: Extract<RunEvent, { type: 'container' }>): void {
    const n = this.node(e.name, e.t);
    const next: Record<string, string> = {
      create: 'created',
      start: 'running',
      restart: 'running',
      unpause: 'running',
      die: 'exited',
      stop: 'exited',
      oom: 'exited',
      pause: 'paused',
      destroy: 'removed',
    };
    const s = next[e.action];
    if (s && s !== n.state) {
      n.state = s;
      n.since = e.t;
    }
    if (e.action === 'die') n.exitCode = e.exitCode;
    if (e.action === 'start') n.exitCode = undefined;
  }

  private onFault(e: Extract<RunEvent, { type: 'fault' }>): void {
    const { kind, target, peer } = e.request;
    if (e.state === 'healed') {
      const f = this.open.find((x) => x.id === e.id);
      if (f) this.close(f, e.t);
      return;
    }
    if (e.state !== 'applied') return;
    if (kind === 'partition') {
      const n = this.node(target, e.t);
      n.partitioned = [...new Set([...n.partitioned, peer ?? 'all'])];
    }
    if (NETWORK.has(kind)) {
      const n = this.node(target, e.t);
      n.network = [...new Set([...n.network, kind])];
    }
    if (kind === 'heal') {
      const n = this.node(target, e.t);
      n.partitioned = [];
      n.network = [];
    }
    const heals = HEALS[kind];
    if (heals) {
      for (const f of this.open.filter((x) => x.target === target && heals.includes(x.kind)))
        this.close(f, e.t);
      return;
    }
    if (!OPENS.has(kind)) return;
    if (this.open.some((x) => x.target === target && x.kind === kind && x.peer === peer)) return;
    const f: FaultInterval = {
      id: e.id,
      kind,
      target,
      from: e.t,
      to: null,
      source: e.source,
      ...(peer ? { peer } : {}),
    };
    this.faults.push(f);
    this.open.push(f);
  }

  private close(f: FaultInterval, t: number): void {
    f.to = t;
    this.open.splice(this.open.indexOf(f), 1);
    if (f.kind === 'partition') {
      const n = this.nodes.get(f.target);
      if (n) n.partitioned = n.partitioned.filter((p) => p !== (f.peer ?? 'all'));
    }
    if (NETWORK.has(f.kind)) {
      const n = this.nodes.get(f.target);
      if (n) n.network = n.network.filter((k) => k !== f.kind);
    }
  }

  private onOp(type: string, f: string, value: unknown, time: number): void {
    if (type === 'invoke') {
      this.ops.invoked++;
      return;
    }
    if (type !== 'ok' && type !== 'fail' && type !== 'info') return;
    this.ops[type]++;
    const b = Math.max(0, Math.floor(time / 1000));
    for (const o of OUTCOMES) while (this.throughput[o].length <= b) this.throughput[o].push(0);
    this.throughput[type][b]++;
    if (type === 'ok' && f === 'add') {
      const id = idOf(value);
      if (id !== undefined) this.acked.add(id);
    }
  }

  private onSample(e: Extract<RunEvent, { type: 'sample' }>): void {
    if (e.kind === 'gauge') {
      // A gauge is charted on its own: not a store of rows, never missing acknowledged writes.
      let g = this.gauges.get(e.store);
      if (!g) this.gauges.set(e.store, (g = []));
      g.push({ t: e.t, v: e.rows });
      if (this.gaugeUnits.get(e.store) === undefined) this.gaugeUnits.set(e.store, e.unit);
      return;
    }
    let byStore = this.samples.get(e.probe);
    if (!byStore) this.samples.set(e.probe, (byStore = new Map()));
    let pts = byStore.get(e.store);
    if (!pts) byStore.set(e.store, (pts = []));
    pts.push({ t: e.t, v: e.rows });
    if (e.probe !== 'rows' && !e.ids) return;
    let miss = this.missing.get(e.store);
    if (!miss) this.missing.set(e.store, (miss = []));
    if (e.rows === null) {
      miss.push({ t: e.t, v: null });
    } else if (e.ids) {
      let have = 0;
      for (const id of e.ids) if (this.acked.has(id)) have++;
      miss.push({ t: e.t, v: this.acked.size - have });
    } else {
      miss.push({ t: e.t, v: Math.max(0, this.acked.size - e.rows) });
    }
  }

  /** The time of the first fault that took effect (for aligning runs), or null. */
  get firstFaultAt(): number | null {
    return this.faults.length ? this.faults[0].from : null;
  }
}
