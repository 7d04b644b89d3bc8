// Scenario 2 of the catalog: the order service's instances on one shared PostgreSQL, behind
// the same round-robin load balancer as split-stores. Plain orders (valid), a hot product
// sold concurrently (naive | lock | optimistic), and the database as a single point of failure.
import type {
  ScenarioDefinition,
  ContainerSpec,
  StoreSpec,
  Params,
  KnobSpec,
} from '../../main/engine/scenario';
import { lostWrites, readYourWrites, splitData, storeCounts } from '../../main/engine/checks';
import { sharedDbSchedule } from './generator';
import { sharedDbClient } from './client';
import { hotProduct } from './stock-check';
import { availability } from './availability';
import { scoped } from './scoped-check';
import { title, summary, explanation } from './explanation';
import { QUICK_ARP_SYSCTLS } from '../../main/engine/quick-arp';

const PORT = 8080;
const DB = 'db';
const PRODUCT = 'hot';
// The image's defaults: the database is then copied from a build-time template (fast start).
const PG = { user: 'lab', password: 'lab', database: 'lab' };

export const knobs: KnobSpec[] = [
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
    default: 20,
    min: 0,
    max: 1000,
    label: { en: 'Plain orders placed', ko: '일반 주문 수' },
  },
  {
    name: 'reads',
    kind: 'int',
    default: 3,
    min: 0,
    max: 100,
    label: { en: 'List reads after the orders', ko: '주문 후 목록 조회 횟수' },
  },
  {
    name: 'intervalMs',
    kind: 'int',
    default: 100,
    min: 20,
    max: 5000,
    label: { en: 'Time between orders (ms)', ko: '주문 간격 (ms)' },
  },
  {
    name: 'stock',
    kind: 'int',
    default: 20,
    min: 1,
    max: 10000,
    label: { en: 'Initial stock of the hot product', ko: '인기 상품의 초기 재고' },
  },
  {
    name: 'buyers',
    kind: 'int',
    default: 8,
    min: 0,
    max: 32,
    label: { en: 'Concurrent buyers', ko: '동시 구매자 수' },
  },
  {
    name: 'unitsPerBuyer',
    kind: 'int',
    default: 6,
    min: 1,
    max: 200,
    label: {
      en: 'Units each buyer tries to buy (one at a time)',
      ko: '구매자별 구매 시도 수 (한 번에 하나씩)',
    },
  },
  {
    name: 'concurrency',
    kind: 'enum',
    default: 'naive',
    values: ['naive', 'lock', 'optimistic'],
    label: {
      en: 'Stock update: read-modify-write, row lock, version column',
      ko: '재고 갱신: 읽고-수정-쓰기, 행 잠금, 버전 컬럼',
    },
  },
  {
    name: 'thinkMs',
    kind: 'int',
    default: 20,
    min: 0,
    max: 1000,
    label: {
      en: 'Think time between reading and writing the stock (ms)',
      ko: '재고를 읽고 쓰기 사이의 처리 시간 (ms)',
    },
  },
  {
    name: 'retries',
    kind: 'int',
    default: 20,
    min: 0,
    max: 100,
    label: {
      en: 'Optimistic: retries after a version conflict',
      ko: '낙관적 제어: 버전 충돌 후 재시도 횟수',
    },
  },
  {
    name: 'hotAtMs',
    kind: 'int',
    default: 0,
    min: 0,
    max: 60000,
    label: { en: 'When the buyers start (ms)', ko: '구매 시작 시각 (ms)' },
  },
  {
    name: 'fault',
    kind: 'enum',
    default: 'none',
    values: ['none', 'kill-db'],
    label: { en: 'Fault', ko: '장애' },
  },
  {
    name: 'killAtMs',
    kind: 'int',
    default: 3000,
    min: 0,
    max: 60000,
    label: { en: 'When the database is killed (ms)', ko: '데이터베이스 강제 종료 시각 (ms)' },
  },
  {
    name: 'downMs',
    kind: 'int',
    default: 3000,
    min: 500,
    max: 60000,
    label: { en: 'Time the database stays down (ms)', ko: '데이터베이스 중단 시간 (ms)' },
  },
];

function containers(p: Params, names: string[]): ContainerSpec[] {
  return [
    {
      name: DB,
      role: 'database',
      image: 'postgres',
      env: { POSTGRES_USER: PG.user, POSTGRES_PASSWORD: PG.password, POSTGRES_DB: PG.database },
      ports: [5432],
      wait: { kind: 'exec', cmd: ['postgres-ready'], timeoutMs: 60_000 },
    },
    ...names.map((name): ContainerSpec => ({
      name,
      role: 'service',
      image: 'service',
      env: {
        NODE_NAME: name,
        PORT: String(PORT),
        STORE_MODE: 'postgres',
        PGHOST: DB,
        PGUSER: PG.user,
        PGPASSWORD: PG.password,
        PGDATABASE: PG.database,
        PRODUCT_ID: PRODUCT,
        PRODUCT_STOCK: String(p.stock),
        CONCURRENCY: String(p.concurrency),
        THINK_MS: String(p.thinkMs),
        OPTIMISTIC_RETRIES: String(p.retries),
      },
      ports: [PORT],
      wait: { kind: 'http', port: PORT, path: '/health' },
      dependsOn: [DB],
    })),
    {
      name: 'lb',
      role: 'load-balancer',
      image: 'haproxy',
      env: { BACKENDS: names.map((x) => `${x}:${PORT}`).join(',') },
      ports: [8080, 8404],
      sysctls: { ...QUICK_ARP_SYSCTLS },
      wait: {
        kind: 'http',
        port: 8404,
        path: '/stats;csv',
        match: { pattern: String.raw`,order-\d+,[^\n]*?,UP,`, count: names.length },
      },
      dependsOn: names,
    },
  ];
}

/** What a run with these params should show. */
export function expectedOf(p: Params): { valid: boolean; anomalies: string[] } {
  const buyers = p.buyers as number;
  const racing = p.concurrency === 'naive' && buyers >= 2;
  const demand = buyers * (p.unitsPerBuyer as number);
  const anomalies = racing ? ['lost-update', ...(demand > (p.stock as number) ? ['oversell'] : [])] : [];
  return { valid: !racing, anomalies };
}

export const sharedDb: ScenarioDefinition = {
  id: 'shared-db',
  pack: 1,
  title,
  summary,
  explanation,
  seeds: ['000', '004'],
  knobs,
  plan(p: Params) {
    const names = Array.from({ length: p.instances as number }, (_, i) => `order-${i + 1}`);
    // The lab reads the one database through the first instance, bypassing the balancer.
    const stores: StoreSpec[] = [
      { name: 'orders', container: names[0], port: PORT, path: '/orders' },
      { name: 'sales', container: names[0], port: PORT, path: '/stock' },
    ];
    return {
      containers: containers(p, names),
      links: [
        ...names.map((name) => ({ from: 'lb', to: name, label: 'round robin' })),
        ...names.map((name) => ({ from: name, to: DB, label: 'SQL' })),
      ],
      stores,
      schedule: sharedDbSchedule({
        orders: p.orders as number,
        reads: p.reads as number,
        intervalMs: p.intervalMs as number,
        buyers: p.buyers as number,
        unitsPerBuyer: p.unitsPerBuyer as number,
        hotAtMs: p.hotAtMs as number,
        fault: p.fault === 'kill-db' ? 'kill-db' : 'none',
        killAtMs: p.killAtMs as number,
        downMs: p.downMs as number,
        db: DB,
      }),
      client: (ctx) => sharedDbClient(ctx, 'lb'),
      checks: [
        storeCounts(),
        scoped(splitData({ addF: 'add' }), { stores: ['orders'] }),
        readYourWrites({ addF: 'add', readF: 'list' }),
        scoped(lostWrites({ addF: 'add' }), { stores: ['orders'] }),
        scoped(lostWrites({ addF: 'buy' }), {
          stores: ['sales'],
          name: 'lost-sales',
          kinds: { 'lost-write': 'lost-sale' },
        }),
        hotProduct({ salesStore: 'sales', buyF: 'buy', stockF: 'stock', stockParam: 'stock' }),
        availability({ target: DB, isRejection: (op) => /^HTTP (400|409)\b/.test(op.error ?? '') }),
      ],
      probeIntervalMs: 250,
      quiesceMs: 1000,
      expected: expectedOf(p),
    };
  },
};
