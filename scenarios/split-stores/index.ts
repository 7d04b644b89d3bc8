// Scenario 1 of the catalog: split stores per instance behind a round-robin load balancer.
import type { ScenarioDefinition, ContainerSpec, StoreSpec, Params } from '../../main/engine/scenario';
import { lostWrites, readYourWrites, splitData, storeCounts, convergence } from '../../main/engine/checks';
import { splitStoresSchedule } from './generator';
import { orderClient } from './client';
import { title, summary, explanation } from './explanation';

const PORT = 8080;

export const splitStores: ScenarioDefinition = {
  id: 'split-stores',
  pack: 1,
  title,
  summary,
  explanation,
  seeds: ['000', '004'],
  knobs: [
    {
      name: 'instances',
      kind: 'int',
      default: 2,
      min: 2,
      max: 5,
      label: { en: 'Instances', ko: '인스턴스 수' },
    },
    {
      name: 'orders',
      kind: 'int',
      default: 5,
      min: 1,
      max: 1000,
      label: { en: 'Orders placed', ko: '주문 수' },
    },
    {
      name: 'reads',
      kind: 'int',
      default: 4,
      min: 0,
      max: 100,
      label: { en: 'List reads after the orders', ko: '주문 후 목록 조회 횟수' },
    },
    {
      name: 'storeMode',
      kind: 'enum',
      default: 'memory',
      values: ['memory', 'file'],
      label: { en: 'Embedded store', ko: '내장 저장소 방식' },
    },
    {
      name: 'fault',
      kind: 'enum',
      default: 'none',
      values: ['none', 'kill'],
      label: { en: 'Fault', ko: '장애' },
    },
    {
      name: 'killInstance',
      kind: 'int',
      default: 2,
      min: 1,
      max: 5,
      label: { en: 'Instance to kill', ko: '종료할 인스턴스' },
    },
    {
      name: 'downMs',
      kind: 'int',
      default: 2000,
      min: 500,
      max: 60000,
      label: { en: 'Time down (ms)', ko: '중단 시간 (ms)' },
    },
    {
      name: 'intervalMs',
      kind: 'int',
      default: 200,
      min: 20,
      max: 5000,
      label: { en: 'Time between requests (ms)', ko: '요청 간격 (ms)' },
    },
  ],
  plan(p: Params) {
    const n = p.instances as number;
    const names = Array.from({ length: n }, (_, i) => `order-${i + 1}`);
    const killTarget = p.fault === 'kill' ? `order-${Math.min(p.killInstance as number, n)}` : null;
    const containers: ContainerSpec[] = [
      ...names.map((name): ContainerSpec => ({
        name,
        role: 'service',
        image: 'service',
        env: { NODE_NAME: name, PORT: String(PORT), STORE_MODE: String(p.storeMode) },
        ports: [PORT],
        wait: { kind: 'http', port: PORT, path: '/health' },
      })),
      {
        name: 'lb',
        role: 'load-balancer',
        image: 'haproxy',
        env: { BACKENDS: names.map((x) => `${x}:${PORT}`).join(',') },
        ports: [8080, 8404],
        // Ready only when HAProxy's health checks see every instance UP.
        wait: {
          kind: 'http',
          port: 8404,
          path: '/stats;csv',
          match: { pattern: String.raw`,order-\d+,[^\n]*?,UP,`, count: n },
        },
        // HAProxy resolves and health-checks the instances itself (init-addr none, resolvers):
        // it starts at the same time as they do, and is ready once its checks see all of them UP.
      },
    ];
    const stores: StoreSpec[] = names.map((name) => ({ name, container: name, port: PORT, path: '/orders' }));
    const orders = p.orders as number;
    const manyInstancesShareOrders = orders > 1;
    return {
      containers,
      links: names.map((name) => ({ from: 'lb', to: name, label: 'round robin' })),
      stores,
      schedule: splitStoresSchedule({
        orders,
        reads: p.reads as number,
        intervalMs: p.intervalMs as number,
        killTarget,
        downMs: p.downMs as number,
      }),
      client: (ctx) => orderClient(ctx, 'lb'),
      checks: [
        storeCounts(),
        splitData({ addF: 'add' }),
        readYourWrites({ addF: 'add', readF: 'list' }),
        lostWrites({ addF: 'add' }),
        convergence(),
      ],
      probeIntervalMs: 250,
      quiesceMs: 1000,
      expected: {
        valid: manyInstancesShareOrders ? false : true,
        anomalies: [
          ...(manyInstancesShareOrders ? ['split-data', 'read-your-writes'] : []),
          ...(killTarget && p.storeMode === 'memory' ? ['lost-write'] : []),
        ],
      },
    };
  },
};
