// Containers shared by the Kafka scenarios (broker-sync, queue-single-writer): KRaft brokers,
// instances of the sync service, and the load balancer in front of them. Pure data.
import type { ConsumerLagSpec, ContainerSpec, WaitStrategy } from '../../main/engine/scenario';
import type { ProxySpec } from '../../main/engine/toxiproxy/proxies';
import { QUICK_ARP_SYSCTLS } from '../../main/engine/quick-arp';

export const SERVICE_PORT = 8080;
export const KAFKA_PORT = 9092;
export const SERVICE_IMAGE = 'sync-service';

export interface KafkaOptions {
  brokers: 1 | 3;
  partitions: number;
  /**
   * 0: followers replicate as soon as the leader has data (Kafka's defaults). N > 0: each
   * follower fetch waits up to N ms for data to pile up (replica.fetch.min.bytes /
   * replica.fetch.wait.max.ms), as a busy or distant follower lags behind its leader.
   */
  followerFetchWaitMs: number;
  /**
   * Each broker also listens behind this Toxiproxy (see brokerLinkProxies): a client that
   * bootstraps through the proxy is told to come back through it, so latency added there is
   * added to every request of that client, and to no other client's.
   */
  proxiedVia?: string;
}

/** The port of a broker's PROXIED listener (the image's kafka-entrypoint, PROXIED_ADVERTISED). */
export const PROXIED_LISTENER_PORT = 29092;

export function brokerNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `kafka-${i + 1}`);
}

/** The lag of these consumer groups on these topics, read from the brokers of `kafkaContainers`. */
export function consumerLag(brokers: number, groups: string[], topics: string[]): ConsumerLagSpec {
  return {
    brokers: brokerNames(brokers),
    port: KAFKA_PORT,
    groups: groups.map((group) => ({ group, topics })),
  };
}

/** `kafka-1:9092,kafka-2:9092,...` as the services' bootstrap list. */
export function bootstrap(n: number): string {
  return brokerNames(n)
    .map((b) => `${b}:9092`)
    .join(',');
}

/**
 * One proxy per broker in the Toxiproxy `host`: kafka-i-link listens on 29091+i and forwards
 * to kafka-i's PROXIED listener. A network fault on kafka-i reaches its link.
 */
export function brokerLinkProxies(n: number, host: string): ProxySpec[] {
  return brokerNames(n).map((name, i) => ({
    name: `${name}-link`,
    host,
    listen: PROXIED_LISTENER_PORT + i,
    upstream: { container: name, port: PROXIED_LISTENER_PORT },
  }));
}

/** The bootstrap list of a client whose every request goes through the proxies. */
export function proxiedBootstrap(proxies: readonly ProxySpec[]): string {
  return proxies.map((p) => `${p.host}:${p.listen}`).join(',');
}

/** KRaft nodes (broker + controller each). kafka-1 leads partition 0 (see the service's replica assignment). */
export function kafkaContainers(o: KafkaOptions): ContainerSpec[] {
  const names = brokerNames(o.brokers);
  const voters = names.map((n, i) => `${i + 1}@${n}:9093`).join(',');
  const links = o.proxiedVia ? brokerLinkProxies(o.brokers, o.proxiedVia) : null;
  return names.map((name, i) => {
    const env: Record<string, string> = {
      NODE_ID: String(i + 1),
      ADVERTISED_HOST: name,
      CONTROLLER_QUORUM_VOTERS: voters,
      NUM_PARTITIONS: String(o.partitions),
      // A dead broker is fenced (and its partitions get new leaders) after 3 s, not 9 s:
      // short runs on a small machine.
      KAFKA_CFG_BROKER_SESSION_TIMEOUT_MS: '3000',
      KAFKA_CFG_BROKER_HEARTBEAT_INTERVAL_MS: '500',
    };
    if (links) env.PROXIED_ADVERTISED = proxiedBootstrap([links[i]]);
    if (o.followerFetchWaitMs > 0) {
      env.KAFKA_CFG_REPLICA_FETCH_MIN_BYTES = String(1024 * 1024);
      env.KAFKA_CFG_REPLICA_FETCH_WAIT_MAX_MS = String(o.followerFetchWaitMs);
    }
    return {
      name,
      role: 'broker',
      image: 'kafka',
      env,
      // Published for the lab's consumer-lag probe (kafkajs admin; see ConsumerLagSpec).
      ports: [KAFKA_PORT],
      // Ready when it answers a metadata request with a live controller behind it (asked from
      // the lab through the published port; `kafka-ready` in the image asks the same).
      wait: { kind: 'kafka', port: KAFKA_PORT, timeoutMs: 120_000 },
    };
  });
}

export const SERVICE_READY: WaitStrategy = {
  kind: 'http',
  port: SERVICE_PORT,
  path: '/ready',
  timeoutMs: 120_000,
};

export function serviceContainer(
  name: string,
  role: string,
  env: Record<string, string>,
  dependsOn: string[],
): ContainerSpec {
  return {
    name,
    role,
    image: SERVICE_IMAGE,
    env: { NODE_NAME: name, PORT: String(SERVICE_PORT), KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    ports: [SERVICE_PORT],
    wait: SERVICE_READY,
    // The service retries its database and Kafka until they answer (main.ts: retrying), so it
    // starts with them instead of after them.
    after: dependsOn,
    // iptables inside the container: the lab can cut it off from one peer (a broker).
    capAdd: ['NET_ADMIN'],
  };
}

/**
 * HAProxy, round robin over the instances that are ready (/ready: Kafka set up, consumer in its
 * group). Its server timeout is long: a write waits for
 * Kafka's acknowledgement, which takes as long as a broker outage lasts.
 */
export function loadBalancer(backends: string[]): ContainerSpec {
  return {
    name: 'lb',
    role: 'load-balancer',
    image: 'haproxy',
    env: {
      BACKENDS: backends.map((b) => `${b}:${SERVICE_PORT}`).join(','),
      CHECK_PATH: '/ready',
      TIMEOUT: '60s',
    },
    ports: [8080, 8404],
    sysctls: { ...QUICK_ARP_SYSCTLS },
    wait: {
      kind: 'http',
      port: 8404,
      path: '/stats;csv',
      match: { pattern: String.raw`,(order|front)-\d+,[^\n]*?,UP,`, count: backends.length },
    },
    // Health checks and DNS re-resolution: HAProxy waits for the instances on its own.
    after: backends,
  };
}
