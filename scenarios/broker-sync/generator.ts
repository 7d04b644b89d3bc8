// The pure workload of broker-sync: several users, each a lane that places its orders one
// after the other (so each user's acknowledgements have a definite order), plus one fault.
import type { Step } from '../../main/engine/scenario';

export const APPLY_POINT = 'after-apply-before-offset-commit';

export type FaultPlan =
  | { kind: 'none' }
  /** Kill a container (a broker) and start it again downMs later. */
  | { kind: 'kill'; target: string; at: number; downMs: number }
  /** Kill an instance when it has applied an event and not yet committed its offset. */
  | { kind: 'point'; target: string; at: number; downMs: number }
  /** Cut an instance off from every broker for downMs (iptables DROP both ways). */
  | { kind: 'partition'; target: string; peers: string[]; at: number; downMs: number }
  /** Freeze a container (a broker: SIGSTOP through the cgroup freezer) for downMs. */
  | { kind: 'pause'; target: string; at: number; downMs: number }
  /** Add latencyMs to every answer on the links through Toxiproxy to these brokers, for downMs. */
  | { kind: 'latency'; targets: string[]; at: number; downMs: number; latencyMs: number };

export interface UserWorkload {
  users: number;
  ordersPerUser: number;
  /** Time between two orders of one user. */
  intervalMs: number;
}

export function userName(u: number): string {
  return `user-${u}`;
}

export function orderId(u: number, k: number): string {
  return `u${u}-${String(k).padStart(3, '0')}`;
}

/** Each user's orders, staggered so the users' requests interleave. */
export function userSteps(w: UserWorkload): Step[] {
  const steps: Step[] = [];
  const stagger = Math.floor(w.intervalMs / Math.max(1, w.users));
  for (let u = 1; u <= w.users; u++) {
    for (let k = 1; k <= w.ordersPerUser; k++) {
      steps.push({
        at: (k - 1) * w.intervalMs + (u - 1) * stagger,
        process: userName(u),
        f: 'add',
        value: { id: orderId(u, k), user: userName(u) },
      });
    }
  }
  return steps;
}

export function faultSteps(f: FaultPlan): Step[] {
  switch (f.kind) {
    case 'none':
      return [];
    case 'kill':
      return [
        { at: f.at, process: 'nemesis', fault: { kind: 'kill', target: f.target } },
        { at: f.at + f.downMs, process: 'nemesis', fault: { kind: 'start', target: f.target } },
      ];
    case 'point':
      return [
        {
          at: f.at,
          process: 'nemesis',
          fault: {
            kind: 'point',
            target: f.target,
            point: APPLY_POINT,
            then: 'kill',
            durationMs: f.downMs,
            timeoutMs: 30_000,
          },
        },
      ];
    case 'partition':
      return [
        ...f.peers.map((peer): Step => ({
          at: f.at,
          process: 'nemesis',
          fault: { kind: 'partition', target: f.target, peer },
        })),
        // One heal per peer, so each cut is reported as healed.
        ...f.peers.map((peer): Step => ({
          at: f.at + f.downMs,
          process: 'nemesis',
          fault: { kind: 'heal', target: f.target, peer },
        })),
      ];
    case 'pause':
      return [
        { at: f.at, process: 'nemesis', fault: { kind: 'pause', target: f.target } },
        { at: f.at + f.downMs, process: 'nemesis', fault: { kind: 'unpause', target: f.target } },
      ];
    case 'latency':
      return [
        ...f.targets.map((target): Step => ({
          at: f.at,
          process: 'nemesis',
          fault: { kind: 'latency', target, latencyMs: f.latencyMs },
        })),
        ...f.targets.map((target): Step => ({
          at: f.at + f.downMs,
          process: 'nemesis',
          fault: { kind: 'heal', target },
        })),
      ];
  }
}

export function brokerSyncSchedule(w: UserWorkload, fault: FaultPlan): Step[] {
  return [...userSteps(w), ...faultSteps(fault)].sort((a, b) => a.at - b.at);
}
