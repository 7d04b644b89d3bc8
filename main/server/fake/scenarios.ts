// FAKE catalog for the fake lab (UI development and UI tests only). The real catalog lives
// in scenarios/; these entries only mimic its shape and tone.
import type { ScenarioSummary } from '../../contract/channels';

export const FAKE_SCENARIOS: ScenarioSummary[] = [
  {
    id: 'split-stores',
    pack: 1,
    seeds: ['000', '004'],
    title: { en: 'Split stores behind a load balancer', ko: '로드 밸런서 뒤의 분리된 저장소' },
    summary: {
      en: 'Two order-service instances, each with its own embedded store, behind round-robin HAProxy.',
      ko: '각자 내장 저장소를 가진 주문 서비스 인스턴스 두 개가 라운드 로빈 HAProxy 뒤에 있습니다.',
    },
    explanation: {
      en: {
        problem:
          'Scaling a service out by copying it also copies its embedded database. Each instance now holds only the orders it happened to receive.',
        pattern:
          'None yet: this is the naive baseline the other scenarios fix (shared database, broker, outbox).',
        tryThis:
          'Place orders and list them a few times. Then kill order-2 while orders flow, and restart it in memory mode.',
        expect:
          'Orders split roughly half and half; consecutive list reads disagree; no store holds every acknowledged order. After a kill in memory mode, order-2 comes back empty: acknowledged orders are lost.',
      },
      ko: {
        problem:
          '서비스를 복제해서 확장하면 내장 데이터베이스도 함께 복제됩니다. 각 인스턴스는 우연히 받은 주문만 가지고 있게 됩니다.',
        pattern: '아직 없음: 다른 시나리오(공유 DB, 브로커, 아웃박스)가 고치는 순진한 기준선입니다.',
        tryThis:
          '주문을 넣고 몇 번 목록을 조회해 보세요. 주문이 흐르는 동안 order-2를 죽이고, 메모리 모드에서 다시 시작해 보세요.',
        expect:
          '주문이 대략 반반으로 나뉘고, 연속된 목록 조회 결과가 서로 다르며, 어떤 저장소도 확인된 주문을 모두 갖고 있지 않습니다. 메모리 모드에서 죽였다 살리면 order-2가 비어서 돌아옵니다: 확인된 주문이 유실됩니다.',
      },
    },
    knobs: [
      {
        name: 'rate',
        kind: 'int',
        default: 8,
        min: 1,
        max: 200,
        label: { en: 'Orders per second', ko: '초당 주문 수' },
      },
      {
        name: 'durationS',
        kind: 'int',
        default: 30,
        min: 5,
        max: 3600,
        label: { en: 'Duration (s)', ko: '실행 시간(초)' },
      },
      {
        name: 'readEvery',
        kind: 'int',
        default: 5,
        min: 1,
        max: 100,
        label: { en: 'One list read per N orders', ko: '주문 N개마다 목록 조회 1회' },
      },
      {
        name: 'mode',
        kind: 'enum',
        default: 'memory',
        values: ['memory', 'file'],
        label: { en: 'Store mode', ko: '저장소 모드' },
      },
    ],
  },
  {
    id: 'shared-db',
    pack: 1,
    seeds: ['000', '004'],
    title: { en: 'One shared database', ko: '하나의 공유 데이터베이스' },
    summary: {
      en: 'The same two instances on one PostgreSQL: consistent, until two of them update the same row.',
      ko: '같은 두 인스턴스가 하나의 PostgreSQL을 씁니다: 같은 행을 동시에 갱신하기 전까지는 일관됩니다.',
    },
    explanation: {
      en: {
        problem:
          'A read-modify-write of a hot product’s stock from two instances loses updates and oversells.',
        pattern: 'Row locks (SELECT … FOR UPDATE) or an optimistic version column.',
        tryThis: 'Switch the locking knob between none, row and version, and kill the database mid-run.',
        expect:
          'With no locking, lost updates are counted and the verdict is invalid; with either fix it is valid. Killing PostgreSQL takes both instances down together.',
      },
      ko: {
        problem: '두 인스턴스가 인기 상품의 재고를 읽고-고치고-쓰면 갱신이 유실되어 초과 판매가 일어납니다.',
        pattern: '행 잠금(SELECT … FOR UPDATE) 또는 낙관적 버전 컬럼.',
        tryThis: '잠금 설정을 none, row, version으로 바꿔 보고, 실행 중에 데이터베이스를 죽여 보세요.',
        expect:
          '잠금이 없으면 유실된 갱신이 집계되어 판정은 invalid입니다. 어느 해결책이든 valid입니다. PostgreSQL을 죽이면 두 인스턴스가 함께 멈춥니다.',
      },
    },
    knobs: [
      {
        name: 'locking',
        kind: 'enum',
        default: 'none',
        values: ['none', 'row', 'version'],
        label: { en: 'Locking', ko: '잠금 방식' },
      },
      {
        name: 'stock',
        kind: 'int',
        default: 100,
        min: 1,
        max: 10000,
        label: { en: 'Initial stock', ko: '초기 재고' },
      },
      {
        name: 'durationS',
        kind: 'int',
        default: 30,
        min: 5,
        max: 3600,
        label: { en: 'Duration (s)', ko: '실행 시간(초)' },
      },
    ],
  },
  {
    id: 'broker-sync',
    pack: 2,
    seeds: ['000', '002', '003'],
    title: { en: 'Stores kept in sync by a broker', ko: '브로커로 동기화되는 저장소' },
    summary: {
      en: 'Each instance publishes OrderCreated to Kafka and applies everyone’s events: stores converge.',
      ko: '각 인스턴스가 OrderCreated를 Kafka에 발행하고 모두의 이벤트를 적용합니다: 저장소가 수렴합니다.',
    },
    explanation: {
      en: {
        problem:
          'Event-carried state transfer makes stores eventually equal, but delivery is at least once and order holds only per partition.',
        pattern: 'Idempotent consumers; partition by user id to keep each user’s events in order.',
        tryThis:
          'Kill the broker for a while; kill a consumer between applying and committing; toggle the idempotent consumer.',
        expect:
          'Divergence grows while the broker is down and falls to zero after; time to converge is measured. Without idempotency, redelivery creates duplicates.',
      },
      ko: {
        problem:
          '이벤트로 상태를 전달하면 저장소는 결국 같아지지만, 전달은 최소 한 번이고 순서는 파티션 안에서만 보장됩니다.',
        pattern: '멱등 컨슈머, 그리고 사용자 ID로 파티셔닝해 사용자별 순서를 지킵니다.',
        tryThis: '브로커를 잠시 죽이고, 적용과 커밋 사이에 컨슈머를 죽이고, 멱등 컨슈머를 켜고 꺼 보세요.',
        expect:
          '브로커가 죽어 있는 동안 불일치가 커졌다가 이후 0으로 떨어지며, 수렴 시간이 측정됩니다. 멱등성이 없으면 재전달로 중복이 생깁니다.',
      },
    },
    knobs: [
      {
        name: 'idempotent',
        kind: 'bool',
        default: true,
        label: { en: 'Idempotent consumer', ko: '멱등 컨슈머' },
      },
      {
        name: 'partitions',
        kind: 'int',
        default: 3,
        min: 1,
        max: 12,
        label: { en: 'Partitions', ko: '파티션 수' },
      },
      {
        name: 'key',
        kind: 'enum',
        default: 'user',
        values: ['user', 'none'],
        label: { en: 'Partition key', ko: '파티션 키' },
      },
    ],
  },
  {
    id: 'dual-write',
    pack: 2,
    seeds: ['002', '003'],
    title: { en: 'Dual write', ko: '이중 쓰기' },
    summary: {
      en: 'Save the order, then publish the event: two writes that are not atomic.',
      ko: '주문을 저장한 뒤 이벤트를 발행합니다: 원자적이지 않은 두 번의 쓰기.',
    },
    explanation: {
      en: {
        problem:
          'A crash between the commit and the publish leaves an order nobody downstream will ever hear about.',
        pattern: 'None: this is what the outbox fixes.',
        tryThis: 'Kill the service at the named point after-commit-before-publish.',
        expect: 'Invalid: lost events counted, one per kill at that point.',
      },
      ko: {
        problem: '커밋과 발행 사이에 장애가 나면, 하위 서비스가 영원히 모르는 주문이 남습니다.',
        pattern: '없음: 아웃박스가 고치는 문제입니다.',
        tryThis: '커밋 후 발행 전(after-commit-before-publish) 지점에서 서비스를 죽여 보세요.',
        expect: 'invalid: 그 지점에서 죽일 때마다 유실된 이벤트가 하나씩 집계됩니다.',
      },
    },
    knobs: [
      {
        name: 'killAtPoint',
        kind: 'bool',
        default: true,
        label: { en: 'Kill at the named point', ko: '지정 지점에서 종료' },
      },
    ],
  },
  {
    id: 'outbox-polling',
    pack: 2,
    seeds: ['002', '003'],
    title: { en: 'Transactional outbox with a polling relay', ko: '폴링 릴레이를 쓰는 트랜잭셔널 아웃박스' },
    summary: {
      en: 'Order and outbox row in one transaction; a relay publishes and marks rows sent.',
      ko: '주문과 아웃박스 행을 한 트랜잭션에 쓰고, 릴레이가 발행한 뒤 전송 완료로 표시합니다.',
    },
    explanation: {
      en: {
        problem: 'The relay can die between publishing and marking a row sent.',
        pattern: 'At-least-once relay plus an idempotent consumer.',
        tryThis: 'Kill the relay between publish and mark; vary the polling interval.',
        expect:
          'Valid: the event is published twice and applied once. Shorter polling lowers latency and raises queries per second.',
      },
      ko: {
        problem: '릴레이가 발행과 전송 완료 표시 사이에 죽을 수 있습니다.',
        pattern: '최소 한 번 전달하는 릴레이와 멱등 컨슈머.',
        tryThis: '발행과 표시 사이에 릴레이를 죽이고, 폴링 간격을 바꿔 보세요.',
        expect:
          'valid: 이벤트는 두 번 발행되지만 한 번만 적용됩니다. 폴링 간격이 짧을수록 지연은 줄고 초당 쿼리는 늘어납니다.',
      },
    },
    knobs: [
      {
        name: 'pollMs',
        kind: 'int',
        default: 500,
        min: 50,
        max: 10000,
        label: { en: 'Polling interval (ms)', ko: '폴링 간격(ms)' },
      },
    ],
  },
];
