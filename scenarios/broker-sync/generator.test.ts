import { describe, it, expect } from 'vitest';
import { brokerSyncSchedule, faultSteps, orderId, userSteps, APPLY_POINT } from './generator';
import { brokerSync, expectedAnomalies } from './index';
import { resolveParams } from '../../main/engine/params';

const params = (raw: Record<string, string> = {}) => resolveParams('broker-sync', brokerSync.knobs, raw);

describe('broker-sync schedule', () => {
  it('gives each user a lane of orders, staggered, in time order', () => {
    const s = userSteps({ users: 2, ordersPerUser: 3, intervalMs: 100 });
    expect(s.filter((x) => x.process === 'user-1').map((x) => x.at)).toEqual([0, 100, 200]);
    expect(s.filter((x) => x.process === 'user-2').map((x) => x.at)).toEqual([50, 150, 250]);
    expect(s.map((x) => ('value' in x ? (x.value as { id: string }).id : ''))).toContain(orderId(2, 3));
  });

  it('kills and restarts, kills at the apply point, or cuts off from every broker and heals each cut', () => {
    expect(
      faultSteps({ kind: 'kill', target: 'kafka-1', at: 3000, downMs: 10_000 }).map((s) => [
        s.at,
        'fault' in s && s.fault.kind,
      ]),
    ).toEqual([
      [3000, 'kill'],
      [13_000, 'start'],
    ]);
    const [p] = faultSteps({ kind: 'point', target: 'order-2', at: 1000, downMs: 2000 });
    expect('fault' in p && p.fault).toMatchObject({
      kind: 'point',
      point: APPLY_POINT,
      then: 'kill',
      durationMs: 2000,
    });
    const cut = faultSteps({
      kind: 'partition',
      target: 'order-2',
      peers: ['kafka-1', 'kafka-2'],
      at: 0,
      downMs: 500,
    });
    expect(cut.map((s) => 'fault' in s && [s.at, s.fault.kind, s.fault.peer])).toEqual([
      [0, 'partition', 'kafka-1'],
      [0, 'partition', 'kafka-2'],
      [500, 'heal', 'kafka-1'],
      [500, 'heal', 'kafka-2'],
    ]);
    const all = brokerSyncSchedule(
      { users: 3, ordersPerUser: 5, intervalMs: 100 },
      { kind: 'kill', target: 'kafka-1', at: 250, downMs: 100 },
    );
    expect(all.every((x, i) => i === 0 || all[i - 1].at <= x.at)).toBe(true);
  });

  it('plans brokers, instances with their own group each, the load balancer, and two stores per instance', () => {
    const plan = brokerSync.plan(params({ brokers: '3', partitions: '4', acks: '1' }), 1);
    expect(plan.containers.map((c) => c.name)).toEqual([
      'kafka-1',
      'kafka-2',
      'kafka-3',
      'order-1',
      'order-2',
      'lb',
    ]);
    expect(plan.containers[0].env?.CONTROLLER_QUORUM_VOTERS).toBe(
      '1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093',
    );
    const o1 = plan.containers.find((c) => c.name === 'order-1')!;
    expect(o1.env).toMatchObject({
      ACKS: '1',
      PARTITIONS: '4',
      BROKER_IDS: '1,2,3',
      GROUP_ID: 'sync-order-1',
    });
    expect(o1.capAdd).toEqual(['NET_ADMIN']);
    expect(plan.stores.map((s) => s.name)).toEqual(['order-1', 'order-1:log', 'order-2', 'order-2:log']);
    const shared = brokerSync.plan(params({ consumerGroup: 'shared' }), 1);
    expect(shared.containers.filter((c) => c.role === 'service').map((c) => c.env?.GROUP_ID)).toEqual([
      'order-group',
      'order-group',
    ]);
  });

  it('pauses the broker and thaws it; slows each broker link and heals each', () => {
    const pause = faultSteps({ kind: 'pause', target: 'kafka-1', at: 3000, downMs: 5000 });
    expect(pause.map((s) => 'fault' in s && [s.at, s.fault.kind, s.fault.target])).toEqual([
      [3000, 'pause', 'kafka-1'],
      [8000, 'unpause', 'kafka-1'],
    ]);
    const slow = faultSteps({
      kind: 'latency',
      targets: ['kafka-1', 'kafka-2'],
      at: 100,
      downMs: 900,
      latencyMs: 1500,
    });
    expect(slow.map((s) => 'fault' in s && [s.at, s.fault.kind, s.fault.target, s.fault.latencyMs])).toEqual([
      [100, 'latency', 'kafka-1', 1500],
      [100, 'latency', 'kafka-2', 1500],
      [1000, 'heal', 'kafka-1', undefined],
      [1000, 'heal', 'kafka-2', undefined],
    ]);
  });

  it('slow-broker-link: only the instance hit reaches the brokers through Toxiproxy, each broker through its own proxy', () => {
    const plain = brokerSync.plan(params(), 1);
    expect(plain.containers.some((c) => c.role === 'toxiproxy')).toBe(false);
    expect(plain.containers[0].env?.PROXIED_ADVERTISED).toBeUndefined();
    const plan = brokerSync.plan(params({ fault: 'slow-broker-link', brokers: '3', faultInstance: '2' }), 7);
    const env = (name: string) => plan.containers.find((c) => c.name === name)?.env ?? {};
    expect(plan.proxies?.map((x) => [x.name, x.listen, x.upstream.container, x.upstream.port])).toEqual([
      ['kafka-1-link', 29092, 'kafka-1', 29092],
      ['kafka-2-link', 29093, 'kafka-2', 29092],
      ['kafka-3-link', 29094, 'kafka-3', 29092],
    ]);
    // Each broker tells clients that came through its proxy to come back through it.
    expect(['kafka-1', 'kafka-2', 'kafka-3'].map((k) => env(k).PROXIED_ADVERTISED)).toEqual([
      'toxiproxy:29092',
      'toxiproxy:29093',
      'toxiproxy:29094',
    ]);
    expect(env('order-2').KAFKA_BROKERS).toBe('toxiproxy:29092,toxiproxy:29093,toxiproxy:29094');
    expect(env('order-1').KAFKA_BROKERS).toBe('kafka-1:9092,kafka-2:9092,kafka-3:9092');
    expect(env('toxiproxy').TOXIPROXY_SEED).toBe('7');
    expect(plan.containers.find((c) => c.name === 'order-2')?.after).toContain('toxiproxy');
    expect(plan.links.filter((l) => l.from === 'order-2').map((l) => l.to)).toEqual(['toxiproxy']);
    const faults = plan.schedule.flatMap((s) => ('fault' in s ? [s.fault.kind] : []));
    expect(faults).toEqual(['latency', 'latency', 'latency', 'heal', 'heal', 'heal']);
    expect(plan.expected).toEqual({ valid: true, anomalies: [] });
  });

  it('widens the follower fetch only when asked', () => {
    const k = (v: string) => brokerSync.plan(params({ followerFetchWaitMs: v }), 1).containers[0].env ?? {};
    expect(k('0').KAFKA_CFG_REPLICA_FETCH_WAIT_MAX_MS).toBeUndefined();
    expect(k('300')).toMatchObject({
      KAFKA_CFG_REPLICA_FETCH_WAIT_MAX_MS: '300',
      KAFKA_CFG_REPLICA_FETCH_MIN_BYTES: '1048576',
    });
  });

  it('expects what each knob can break', () => {
    expect(expectedAnomalies(params())).toEqual([]);
    expect(expectedAnomalies(params({ partitions: '4', partitionKey: 'none' }))).toEqual(['order-violation']);
    expect(expectedAnomalies(params({ partitions: '4', partitionKey: 'user' }))).toEqual([]);
    expect(expectedAnomalies(params({ fault: 'kill-consumer', idempotent: 'false' }))).toEqual(['duplicate']);
    expect(expectedAnomalies(params({ brokers: '3', acks: '1', fault: 'kill-broker' }))).toEqual([
      'lost-event',
    ]);
    expect(expectedAnomalies(params({ brokers: '3', acks: 'all', fault: 'kill-broker' }))).toEqual([]);
    expect(brokerSync.plan(params({ consumerGroup: 'shared' }), 1).expected).toEqual({
      valid: false,
      anomalies: ['not-converged'],
    });
  });

  it('is deterministic', () => {
    const p = params({ fault: 'partition-instance', users: '4' });
    expect(JSON.stringify(brokerSync.plan(p, 1).schedule)).toBe(
      JSON.stringify(brokerSync.plan(p, 1).schedule),
    );
  });
});
