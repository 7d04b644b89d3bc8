// One FAKE run: a split-stores-like topology (a load balancer in front of N instances, each
// with its own store) simulated in virtual time. It records the same RunEvent stream the
// real runner does, so the UI can be built and tested without Docker. Never used by the app.
import type {
  FaultRequest,
  RunEvent,
  RunStatus,
  StoreSnapshot,
  TopologyLink,
  TopologyNode,
} from '../../engine/events';
import { NETWORK_FAULT_KINDS } from '../../engine/events';
import type { Op } from '../../engine/history';
import type { KnobValue } from '../../engine/scenario';
import { LabError } from '../../engine/errors';
import { Sim, seededRandom } from './sim';
import { fakeVerdict } from './verdict';

export interface FakeRunOptions {
  runId: string;
  scenario: string;
  params: Record<string, KnobValue>;
  seed: number;
  /** Wall-clock start (ISO) shown for the run. */
  startedAt: Date;
  instances?: number;
  probeIntervalMs?: number;
  /** Probe samples carry the ids read (divergence needs them). */
  sampleIds?: boolean;
  /** Faults the "lab" fires by itself, at ms after the workload started. */
  schedule?: { at: number; fault: FaultRequest }[];
  emit?: (event: RunEvent, seq: number) => void;
}

type State = 'created' | 'running' | 'paused' | 'exited' | 'removed';

interface Container {
  node: TopologyNode;
  state: State;
  /** Peers it is cut off from ('all' = everyone). */
  cutFrom: Set<string>;
  /** What the load balancer's health check believes (it lags the truth by 1.5 s). */
  lbUp: boolean;
  logs: string[];
}

const STARTUP = 600;
const LB = 'lb';

export class FakeRun {
  readonly sim = new Sim();
  readonly events: RunEvent[] = [];
  status: RunStatus | 'running' = 'running';
  endedAt?: string;
  paused = false;
  rate: number;

  private readonly random: () => number;
  private readonly containers = new Map<string, Container>();
  private readonly stores = new Map<string, Set<string>>();
  private readonly busy = new Set<string>();
  private readonly openFaults = new Map<string, FaultRequest>();
  private readonly durationMs: number;
  private readonly readEvery: number;
  private readonly memory: boolean;
  private readonly probeMs: number;
  private readonly sampleIds: boolean;
  private opCount = 0;
  private orderSeq = 0;
  private rr = 0;
  private faultSeq = 0;
  private ending = false;

  constructor(private readonly o: FakeRunOptions) {
    this.random = seededRandom(o.seed);
    this.rate = num(o.params.rate, 8);
    this.durationMs = num(o.params.durationS, 30) * 1000;
    this.readEvery = Math.max(1, num(o.params.readEvery, 5));
    this.memory = (o.params.mode ?? 'memory') === 'memory';
    this.probeMs = o.probeIntervalMs ?? 250;
    this.sampleIds = o.sampleIds ?? true;
    const n = o.instances ?? 2;
    const nodes: TopologyNode[] = [{ name: LB, role: 'load-balancer', image: 'chaoslab/haproxy:0.1.0' }];
    for (let i = 1; i <= n; i++)
      nodes.push({
        name: `order-${i}`,
        role: 'order-service',
        image: 'chaoslab/service:0.1.0',
        // The first instance sits behind a (pretend) Toxiproxy: the UI's network faults on it.
        ...(i === 1 ? { proxiedBy: 'toxiproxy' } : {}),
      });
    for (const node of nodes) {
      node.containerId = hex(this.random, 64);
      node.state = 'created';
      this.containers.set(node.name, { node, state: 'created', cutFrom: new Set(), lbUp: true, logs: [] });
      if (node.name !== LB) this.stores.set(node.name, new Set());
    }
    this.begin();
  }

  get runId(): string {
    return this.o.runId;
  }

  /** Container names of the topology. */
  get names(): string[] {
    return [...this.containers.keys()];
  }

  logs(name: string, tail = 200): string[] {
    const c = this.containers.get(name);
    if (!c) throw new LabError('CONTAINER_NOT_FOUND', `no container "${name}" in run ${this.o.runId}`);
    return c.logs.slice(-tail);
  }

  /** A user's (or the lab's) fault: recorded as requested now, applied a little later. */
  fault(request: FaultRequest, source: 'lab' | 'user' | 'external' = 'user'): string {
    if (this.status !== 'running') throw new LabError('RUN_ABORTED', `run ${this.o.runId} is over`);
    if (!this.containers.has(request.target)) {
      throw new LabError('CONTAINER_NOT_FOUND', `no container "${request.target}" in run ${this.o.runId}`);
    }
    const id = `f${++this.faultSeq}`;
    this.record({ type: 'fault', t: this.t, id, request, source, state: 'requested' });
    const took = Math.round(40 + this.random() * 110);
    this.sim.after(took, () => this.applyFault(id, request, source, took));
    return id;
  }

  control(paused?: boolean, rate?: number): { paused: boolean; rate: number } {
    if (paused !== undefined && paused !== this.paused) {
      this.paused = paused;
      this.record({
        type: 'log',
        t: this.t,
        level: 'info',
        message: paused ? 'workload paused by user' : 'workload resumed by user',
      });
    }
    if (rate !== undefined && rate > 0 && rate !== this.rate) {
      this.rate = rate;
      this.record({ type: 'log', t: this.t, level: 'info', message: `workload rate set to ${rate}/s` });
    }
    return { paused: this.paused, rate: this.rate };
  }

  /** The Stop button: heal everything, remove containers, end as aborted. */
  stop(): void {
    if (this.status !== 'running' || this.ending) return;
    this.ending = true;
    this.record({
      type: 'phase',
      t: this.t,
      phase: 'teardown',
      detail: 'stopped by user: healing faults and removing containers',
    });
    this.healAll();
    this.sim.after(300, () => this.teardown('aborted'));
  }

  private get t(): number {
    return Math.round(this.sim.now);
  }

  private record(event: RunEvent): void {
    this.events.push(event);
    this.o.emit?.(event, this.events.length - 1);
  }

  private begin(): void {
    const o = this.o;
    this.record({
      type: 'meta',
      t: 0,
      runId: o.runId,
      scenario: o.scenario,
      params: o.params,
      startedAt: o.startedAt.toISOString(),
      seed: o.seed,
      labVersion: '0.1.0-fake',
    });
    this.record({ type: 'phase', t: 0, phase: 'setup' });
    this.sim.at(5, () =>
      this.record({ type: 'phase', t: this.t, phase: 'images', detail: 'all images present' }),
    );
    this.sim.at(20, () => {
      this.record({ type: 'phase', t: this.t, phase: 'starting' });
      this.record({
        type: 'topology',
        t: this.t,
        containers: [...this.containers.values()].map((c) => ({ ...c.node })),
        links: this.links(),
      });
    });
    let at = 120;
    for (const name of [...this.stores.keys(), LB]) {
      this.sim.at(at, () => this.containerEvent(name, 'create'));
      this.sim.at(at + 40, () => this.startContainer(name));
      at += 140;
    }
    this.sim.at(STARTUP, () => {
      this.record({ type: 'phase', t: this.t, phase: 'running' });
      this.tickOps();
      this.tickProbes();
      for (const s of o.schedule ?? [])
        this.sim.at(
          STARTUP + s.at,
          () => this.status === 'running' && !this.ending && this.fault(s.fault, 'lab'),
        );
      this.sim.at(STARTUP + this.durationMs, () => this.finish());
    });
  }

  private links(): TopologyLink[] {
    return [...this.stores.keys()].map((name) => ({ from: LB, to: name, label: 'http :8080' }));
  }

  private containerEvent(name: string, action: string, exitCode?: number): void {
    const c = this.containers.get(name)!;
    this.record({
      type: 'container',
      t: this.t,
      name,
      containerId: c.node.containerId!,
      action,
      ...(exitCode === undefined ? {} : { exitCode }),
    });
  }

  private log(name: string, line: string): void {
    const c = this.containers.get(name)!;
    const at = new Date(this.o.startedAt.getTime() + this.sim.now).toISOString().slice(11, 23);
    c.logs.push(`${at} ${line}`);
    if (c.logs.length > 2000) c.logs.splice(0, c.logs.length - 2000);
  }

  private setState(name: string, state: State): void {
    const c = this.containers.get(name)!;
    c.state = state;
    c.node.state = state;
    this.recheck(name);
  }

  private recheck(name: string): void {
    if (name === LB) return;
    this.sim.after(1500, () => {
      const c = this.containers.get(name)!;
      const up = this.up(name) && this.reachable(LB, name);
      if (up !== c.lbUp)
        this.log(LB, `[WARNING] backend orders: server ${name} is ${up ? 'UP' : 'DOWN'} (L7 check)`);
      c.lbUp = up;
    });
  }

  private startContainer(name: string): void {
    this.setState(name, 'running');
    this.containerEvent(name, 'start');
    if (name === LB) {
      this.log(name, '[NOTICE] haproxy 2.6.12 started; frontend http bound to :80');
      for (const s of this.stores.keys())
        this.log(name, `[INFO] backend orders: server ${s} is UP (L7 check passed)`);
    } else {
      if (this.memory) this.stores.get(name)!.clear();
      const rows = this.stores.get(name)!.size;
      this.log(
        name,
        `order-service 0.1.0 starting (store: ${this.memory ? 'memory' : 'file /data/orders.db'})`,
      );
      this.log(name, `store opened with ${rows} orders`);
      this.log(name, 'listening on :8080');
    }
  }

  private applyFault(id: string, req: FaultRequest, source: 'lab' | 'user' | 'external', took: number): void {
    if (this.status !== 'running') return;
    const c = this.containers.get(req.target)!;
    const fail = (error: string): void =>
      this.record({
        type: 'fault',
        t: this.t,
        id,
        request: req,
        source,
        state: 'failed',
        error,
        tookMs: took,
      });
    switch (req.kind) {
      case 'kill':
      case 'stop':
        if (c.state !== 'running' && c.state !== 'paused')
          return fail(`container ${req.target} is not running (${c.state})`);
        this.containerEvent(req.target, 'kill');
        this.setState(req.target, 'exited');
        this.containerEvent(req.target, 'die', req.kind === 'kill' ? 137 : 0);
        if (req.kind === 'stop') {
          this.log(req.target, 'SIGTERM received: closing store, bye');
          this.containerEvent(req.target, 'stop');
        }
        break;
      case 'start':
        if (c.state !== 'exited') return fail(`container ${req.target} is ${c.state}, not stopped`);
        this.startContainer(req.target);
        break;
      case 'restart':
        if (c.state === 'running' || c.state === 'paused') {
          this.containerEvent(req.target, 'kill');
          this.setState(req.target, 'exited');
          this.containerEvent(req.target, 'die', 0);
        }
        this.startContainer(req.target);
        this.containerEvent(req.target, 'restart');
        break;
      case 'pause':
        if (c.state !== 'running') return fail(`container ${req.target} is not running (${c.state})`);
        this.setState(req.target, 'paused');
        this.containerEvent(req.target, 'pause');
        break;
      case 'unpause':
        if (c.state !== 'paused') return fail(`container ${req.target} is not paused`);
        this.setState(req.target, 'running');
        this.containerEvent(req.target, 'unpause');
        break;
      case 'partition':
        c.cutFrom.add(req.peer ?? 'all');
        if (req.peer) this.containers.get(req.peer)?.cutFrom.add(req.target);
        this.recheck(req.target);
        this.log(req.target, `iptables: DROP ${req.peer ? `to/from ${req.peer}` : 'all peers'}`);
        break;
      case 'heal':
        this.healNetwork(req.target);
        break;
      case 'point':
        // The pretend service reaches the point at once; the lab then kills it there.
        if ((req.then ?? 'kill') !== 'kill')
          return fail(`point then ${req.then} is not available in the fake lab`);
        if (c.state !== 'running') return fail(`container ${req.target} is not running (${c.state})`);
        this.log(req.target, `point ${req.point ?? '?'} reached: holding`);
        this.containerEvent(req.target, 'kill');
        this.setState(req.target, 'exited');
        this.containerEvent(req.target, 'die', 137);
        break;
      case 'latency':
      case 'bandwidth':
      case 'timeout':
      case 'reset':
        if (!c.node.proxiedBy) return fail(`fault '${req.kind}' needs a Toxiproxy in front of ${req.target}`);
        this.log(req.target, `toxiproxy: ${req.kind} toxic added`);
        break;
      default:
        return fail(`${req.kind} is not available in the fake lab`);
    }
    this.record({ type: 'fault', t: this.t, id, request: req, source, state: 'applied', tookMs: took });
    if (['kill', 'stop', 'pause', 'partition', ...NETWORK_FAULT_KINDS].includes(req.kind)) {
      this.openFaults.set(id, req);
      if (req.durationMs) this.sim.after(req.durationMs, () => this.healFault(id));
    } else {
      this.closeFaultsOn(req.target, req.kind);
    }
  }

  private healNetwork(target: string): void {
    const c = this.containers.get(target)!;
    for (const peer of c.cutFrom) this.containers.get(peer)?.cutFrom.delete(target);
    c.cutFrom.clear();
    this.recheck(target);
    this.log(target, 'iptables: rules flushed');
  }

  /** A later fault that undoes an open one (start after kill, unpause after pause...). */
  private closeFaultsOn(target: string, kind: FaultRequest['kind']): void {
    const undoes: Record<string, string[]> = {
      start: ['kill', 'stop'],
      restart: ['kill', 'stop', 'pause'],
      unpause: ['pause'],
      heal: ['partition', ...NETWORK_FAULT_KINDS],
    };
    for (const [id, req] of this.openFaults) {
      if (req.target === target && (undoes[kind] ?? []).includes(req.kind)) {
        this.openFaults.delete(id);
        this.record({ type: 'fault', t: this.t, id, request: req, source: 'lab', state: 'healed' });
      }
    }
  }

  private healFault(id: string): void {
    const req = this.openFaults.get(id);
    if (!req || this.status !== 'running') return;
    const undo: Record<string, FaultRequest['kind']> = {
      kill: 'start',
      stop: 'start',
      pause: 'unpause',
      partition: 'heal',
      ...Object.fromEntries(NETWORK_FAULT_KINDS.map((k) => [k, 'heal'])),
    };
    this.fault({ kind: undo[req.kind], target: req.target }, 'lab');
  }

  private healAll(): void {
    for (const id of [...this.openFaults.keys()]) this.healFault(id);
  }

  private up(name: string): boolean {
    return this.containers.get(name)!.state === 'running';
  }

  private reachable(from: string, to: string): boolean {
    const a = this.containers.get(from)!;
    const b = this.containers.get(to)!;
    return !a.cutFrom.has('all') && !b.cutFrom.has('all') && !a.cutFrom.has(to) && !b.cutFrom.has(from);
  }

  private tickOps(): void {
    if (this.ending || this.status !== 'running') return;
    if (!this.paused) this.issueOp();
    this.sim.after(1000 / Math.max(0.1, this.rate), () => this.tickOps());
  }

  private tickProbes(): void {
    if (this.status !== 'running') return;
    for (const [name, ids] of this.stores) {
      const readable = this.up(name);
      this.record({
        type: 'sample',
        t: this.t,
        probe: 'rows',
        store: name,
        rows: readable ? ids.size : null,
        ...(readable && this.sampleIds ? { ids: [...ids] } : {}),
      });
    }
    this.sim.after(this.probeMs, () => this.tickProbes());
  }

  private issueOp(): void {
    const process = ['c0', 'c1', 'c2', 'c3'].find((p) => !this.busy.has(p));
    if (!process) return;
    this.busy.add(process);
    const f = ++this.opCount % this.readEvery === 0 ? 'list' : 'add';
    const id = f === 'list' ? null : `order-${String(++this.orderSeq).padStart(5, '0')}`;
    const value = id === null ? null : { id, user: process };
    this.recordOp({ process, type: 'invoke', f, value, time: this.t });
    const done = (op: Omit<Op, 'process' | 'f' | 'time'>, after: number): void =>
      this.sim.after(after, () => {
        this.busy.delete(process);
        this.recordOp({ process, f, time: this.t, ...op });
      });

    if (!this.up(LB))
      return done({ type: 'fail', value, error: 'connect ECONNREFUSED (load balancer down)' }, 2);
    const candidates = [...this.stores.keys()].filter((n) => this.containers.get(n)!.lbUp);
    if (candidates.length === 0)
      return done({ type: 'fail', value, error: 'HTTP 503: no server available' }, 3);
    const node = candidates[this.rr++ % candidates.length];
    const latency = Math.round(3 + this.random() * 18);
    if (this.containers.get(node)!.state === 'paused' || !this.reachable(LB, node)) {
      return done({ type: 'info', value, node, error: 'timeout after 1000 ms' }, 1000);
    }
    if (!this.up(node))
      return done({ type: 'fail', value, node, error: 'HTTP 503: backend connection refused' }, latency);
    const store = this.stores.get(node)!;
    if (id === null) {
      const ids = [...store];
      this.log(node, `GET /orders -> 200 (${ids.length} orders, ${latency} ms)`);
      return done({ type: 'ok', value: { ids, node }, node }, latency);
    }
    this.sim.after(latency / 2, () => this.up(node) && store.add(id));
    this.log(node, `POST /orders id=${id} -> 201 (${latency} ms)`);
    this.log(LB, `http~ orders/${node} 0/0/1/${latency}/${latency + 1} 201 - ---- 1/1/0/0/0`);
    done({ type: 'ok', value: { id, node }, node }, latency);
  }

  private recordOp(op: Op): void {
    this.record({ type: 'op', t: op.time, op: { ...op, index: this.events.length } });
  }

  private finish(): void {
    if (this.ending) return;
    this.ending = true;
    this.record({ type: 'phase', t: this.t, phase: 'quiesce', detail: 'workload done; healing every fault' });
    this.healAll();
    for (const [name, c] of this.containers) {
      if (c.state === 'exited' && ![...this.openFaults.values()].some((f) => f.target === name))
        this.fault({ kind: 'start', target: name }, 'lab');
    }
    this.sim.after(1500, () => {
      this.record({ type: 'phase', t: this.t, phase: 'final-read' });
      const stores: StoreSnapshot[] = [...this.stores].map(([name, ids]) => ({
        name,
        rows: ids.size,
        ids: [...ids],
        available: this.up(name),
      }));
      this.record({ type: 'snapshot', t: this.t, reason: 'final', stores });
      this.sim.after(200, () => {
        this.record({ type: 'phase', t: this.t, phase: 'check' });
        this.record({ type: 'verdict', t: this.t, verdict: fakeVerdict(this.events, stores) });
        this.sim.after(100, () => this.teardown('completed'));
      });
    });
  }

  private teardown(status: RunStatus): void {
    if (status === 'completed') this.record({ type: 'phase', t: this.t, phase: 'teardown' });
    for (const name of this.containers.keys()) {
      if (this.up(name) || this.containers.get(name)!.state === 'paused') this.containerEvent(name, 'kill');
      this.setState(name, 'removed');
      this.containerEvent(name, 'destroy');
    }
    this.record({ type: 'phase', t: this.t, phase: 'done' });
    this.status = status;
    this.endedAt = new Date(this.o.startedAt.getTime() + this.sim.now).toISOString();
    this.record({ type: 'end', t: this.t, status, endedAt: this.endedAt });
    this.sim.clear();
  }
}

function num(v: KnobValue | undefined, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : d;
}

function hex(random: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(random() * 16).toString(16);
  return s;
}
