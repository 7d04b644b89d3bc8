// Scenario 12 of the catalog: order details need product data. API composition asks the
// product service synchronously on every read; the CQRS read model answers from its own
// copy, fed by ProductPriceChanged events on Kafka. The product service is killed and
// started again: composition fails while it is down, the read model keeps answering with
// a staleness that grows in seconds. Or the product service is made slow (fault=slow-product):
// the composition path goes through a Toxiproxy that holds every answer latencyMs.
import type { ContainerSpec, ScenarioDefinition, KnobSpec, Params } from '../../main/engine/scenario';
import { storeCounts } from '../../main/engine/checks';
import { databaseContainer } from '../shared-saga/topology';
import { PG } from '../shared-saga/names';
import { kafkaContainers, bootstrap, brokerNames } from '../broker-sync/topology';
import { ANOMALY, DB, DETAILS, IMAGE, PORT, PRODUCT, PROXY_PORT, TOXIPROXY } from './names';
import { toxiproxyContainer, type ProxySpec } from '../../main/engine/toxiproxy/proxies';
import { detailsClient } from './client';
import { detailsSchedule } from './generator';
import { compositionVsCqrs } from './check';
import { title, summary, explanation } from './explanation';

const label = (en: string, ko: string) => ({ en, ko });

export const knobs: KnobSpec[] = [
  {
    name: 'runMs',
    kind: 'int',
    default: 16000,
    min: 1000,
    max: 300000,
    label: label('Reading time (ms)', '조회 시간 (ms)'),
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 200,
    min: 20,
    max: 5000,
    label: label('Time between reads (ms)', '조회 간격 (ms)'),
  },
  { name: 'orders', kind: 'int', default: 20, min: 1, max: 1000, label: label('Orders', '주문 수') },
  { name: 'products', kind: 'int', default: 3, min: 1, max: 20, label: label('Products', '상품 수') },
  {
    name: 'priceChangeMs',
    kind: 'int',
    default: 500,
    min: 50,
    max: 60000,
    label: label('A price changes every (ms)', '가격 변경 주기 (ms)'),
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'kill-product',
    values: ['none', 'kill-product', 'slow-product'],
    label: label('Fault', '장애'),
  },
  {
    name: 'latencyMs',
    kind: 'int',
    default: 1500,
    min: 0,
    max: 30000,
    label: label('slow-product: latency added (ms)', 'slow-product: 추가 지연 (ms)'),
  },
  {
    name: 'killAtMs',
    kind: 'int',
    default: 4000,
    min: 0,
    max: 300000,
    label: label(
      'When the product service is killed or slowed (ms)',
      '상품 서비스를 죽이거나 느리게 하는 시각 (ms)',
    ),
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 6000,
    min: 0,
    max: 300000,
    label: label('Time it stays down or slow (ms)', '중단 또는 지연 시간 (ms)'),
  },
  {
    name: 'callTimeoutMs',
    kind: 'int',
    default: 1000,
    min: 50,
    max: 30000,
    label: label('Timeout of the composition call (ms)', '조합 호출 타임아웃 (ms)'),
  },
];

export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  // Slower than the call's timeout, every composed read in the window times out; faster, it is
  // only slow (measured, not an anomaly).
  const fails =
    p.fault === 'kill-product' ||
    (p.fault === 'slow-product' && (p.latencyMs as number) >= (p.callTimeoutMs as number));
  return fails ? { valid: false, anomalies: [ANOMALY.compositionError] } : { valid: true, anomalies: [] };
}

/** The composition path reaches the product service through this proxy (network faults). */
export const productProxy: ProxySpec = {
  name: PRODUCT,
  host: TOXIPROXY,
  listen: PROXY_PORT,
  upstream: { container: PRODUCT, port: PORT },
};

function service(
  name: string,
  role: 'product' | 'details',
  env: Record<string, string>,
  after: string[],
): ContainerSpec {
  return {
    name,
    role,
    image: IMAGE,
    env: {
      ROLE: role,
      NODE_NAME: name,
      PORT: String(PORT),
      PGHOST: DB,
      PGUSER: PG.user,
      PGPASSWORD: PG.password,
      PG_ADMIN_DB: PG.database,
      SERVICE_DB: name,
      BROKERS: bootstrap(1),
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...env,
    },
    ports: [PORT],
    wait: { kind: 'http', port: PORT, path: role === 'details' ? '/ready' : '/health', timeoutMs: 120_000 },
    dependsOn: [DB, ...after],
  };
}

export const compositionVsCqrsScenario: ScenarioDefinition = {
  id: 'composition-vs-cqrs',
  pack: 3,
  title,
  summary,
  explanation,
  seeds: ['001', '002'],
  knobs,
  plan(p: Params, seed: number) {
    const products = Array.from({ length: p.products as number }, (_, i) => `p${i + 1}:0`).join(',');
    const brokers = brokerNames(1);
    const common = { SEED: String(seed), PRODUCTS: products, PRICE: '100' };
    return {
      containers: [
        databaseContainer(),
        ...kafkaContainers({ brokers: 1, partitions: 1, followerFetchWaitMs: 0 }),
        toxiproxyContainer(TOXIPROXY, [productProxy], { seed }),
        service(PRODUCT, 'product', { ...common, PERIOD_MS: String(p.priceChangeMs) }, brokers),
        service(
          DETAILS,
          'details',
          {
            ...common,
            ORDERS: String(p.orders),
            PRODUCT_URL: `http://${TOXIPROXY}:${PROXY_PORT}`,
            CALL_TIMEOUT_MS: String(p.callTimeoutMs),
          },
          [...brokers, PRODUCT, TOXIPROXY],
        ),
      ],
      proxies: [productProxy],
      links: [
        { from: DETAILS, to: TOXIPROXY, label: 'API composition (HTTP, every read)' },
        { from: TOXIPROXY, to: PRODUCT, label: 'proxy product (network faults)' },
        { from: PRODUCT, to: brokers[0], label: 'ProductPriceChanged (Kafka)' },
        { from: brokers[0], to: DETAILS, label: 'read model feed (consumer group details)' },
        { from: PRODUCT, to: DB, label: 'SQL (database product)' },
        { from: DETAILS, to: DB, label: 'SQL (database details)' },
      ],
      stores: [
        { name: 'catalog', container: PRODUCT, port: PORT, path: '/live' },
        { name: 'read-model', container: DETAILS, port: PORT, path: '/live' },
      ],
      schedule: detailsSchedule({
        runMs: p.runMs as number,
        intervalMs: p.intervalMs as number,
        orders: p.orders as number,
        kill: p.fault === 'kill-product' ? { atMs: p.killAtMs as number, downMs: p.downMs as number } : null,
        slow:
          p.fault === 'slow-product'
            ? { atMs: p.killAtMs as number, downMs: p.downMs as number, latencyMs: p.latencyMs as number }
            : null,
      }),
      client: (ctx) => detailsClient(ctx),
      checks: [storeCounts(), compositionVsCqrs()],
      probeIntervalMs: 500,
      quiesceMs: 300,
      expected: expectedOf(p),
    };
  },
};
