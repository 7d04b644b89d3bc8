// Scenario 1 of the catalog: split stores per instance behind a round-robin load balancer.
import type { ScenarioDefinition, ContainerSpec, StoreSpec, Params } from '../../main/engine/scenario';
import { lostWrites, readYourWrites, splitData, storeCounts, convergence } from '../../main/engine/checks';
import { splitStoresSchedule } from './generator';
import {
  haproxyContainer,
  orderInstanceNames,
  orderServiceContainer,
  orderStores,
  roundRobinLinks,
} from '../../main/engine/scenario-file/blocks';
import { orderClient } from './client';
import { title, summary, explanation } from './explanation';

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
    const names = orderInstanceNames(n);
    const killTarget = p.fault === 'kill' ? `order-${Math.min(p.killInstance as number, n)}` : null;
    // The same blocks a scenario file composes (examples/split-stores.yaml plans exactly this).
    const containers: ContainerSpec[] = [
      ...names.map((name) => orderServiceContainer(name, String(p.storeMode))),
      haproxyContainer(names),
    ];
    const stores: StoreSpec[] = orderStores(names);
    const orders = p.orders as number;
    const manyInstancesShareOrders = orders > 1;
    return {
      containers,
      links: roundRobinLinks(names),
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
