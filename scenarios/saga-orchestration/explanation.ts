import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Saga orchestration with a persisted saga log',
  ko: '저장된 사가 로그로 움직이는 오케스트레이션 사가',
};

export const summary: Bilingual = {
  en: 'An orchestrator drives each order through order, inventory, payment and shipping, each with its own database, and compensates when a step is refused. Killed mid-saga, it resumes every saga from its log: none lost, none run twice, stock conserved.',
  ko: '오케스트레이터가 주문마다 주문, 재고, 결제, 배송 서비스(각자 자기 데이터베이스를 가짐)를 차례로 호출하고, 단계가 거절되면 보상한다. 사가 도중에 죽여도 로그에서 모든 사가를 이어 가므로 사라지거나 두 번 실행되는 사가가 없고 재고가 보존된다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'The shopping mall of seed 003: an order must create the order, reserve stock, charge the card and schedule the delivery. Each service has its own database, so a single transaction cannot keep them consistent (seed 001). A saga splits the long transaction into local transactions, one per service, and when one fails it does not roll back: it runs compensating transactions that undo the earlier steps (release the stock, refund, cancel the order; seed 001). In the orchestration style a central orchestrator calls each participant and knows where every saga stands, which makes compensation easy to trigger (seed 003). The same seed warns of the price: the flow must be checked for steps that can go missing, and no compensation may be forgotten. And the orchestrator is a process that can die between two steps.',
    pattern:
      'The orchestrator writes each saga to its log in PostgreSQL before it acknowledges it, and logs every step’s outcome in the same transaction that moves the saga forward. When it starts, it resumes every saga the log holds that is not finished. A step whose reply arrived but was not logged yet is sent again after a restart, so every participant applies each (saga, step) exactly once: the step’s effect and a row keyed by saga id and step commit together, and a repeat replays the recorded answer (seed 002: idempotency, the same request applied once). Refusals are definite (a declined card, no stock, an address that cannot be served); a timeout or a dead participant is retried, never compensated. The saga gives business consistency, not instant agreement: for a while stock is reserved and no order is confirmed yet.',
    tryThis:
      'Run the defaults: 30 orders, 20% of payments declined and 10% of deliveries refused (both seeded), and the orchestrator killed at after-charge (the payment service has answered, the saga log does not know yet), down for 2 s. Watch the sagas-by-state chart: running sagas stall while it is down, then drain to completed or compensated. Move killPoint to after-reserve or after-release. Set idempotent=false: the re-sent step is applied twice (a second charge or reservation) and saga-once fails. Set brokenCompensation=true: releasing a reservation no longer puts the units back on the shelf, and stock conservation fails.',
    expect:
      'Defaults: valid. Every acknowledged saga is in the log and terminal within boundMs after the restart, at least one resumed from the log; no step applied twice; per product available + reserved + sold equals the initial stock, nothing left reserved, sold equals the units of completed sagas; no order both confirmed and compensated, no money kept without a confirmed order. The shopper sends an order again while the orchestrator is down (same id: created once), so every order gets in; with retryStarts=false the orders started during the outage fail honestly (connection refused) and never exist. brokenCompensation=true: invalid, stock-not-conserved = the units of every released reservation. idempotent=false: invalid, step-applied-twice: the step sent again after the restart is applied a second time (a second charge or reservation, or a decline recorded twice).',
  },
  ko: {
    problem:
      '시드 003의 쇼핑몰 예시: 주문 하나에 주문 생성, 재고 예약, 카드 결제, 배송 등록이 필요하다. 각 서비스는 독립적인 데이터베이스를 사용하므로 단일 트랜잭션만으로는 데이터 일관성을 보장하기 어렵다(시드 001). 사가는 장기 실행 트랜잭션을 서비스별 로컬 트랜잭션으로 나누고, 하나가 실패하면 롤백 대신 앞 단계를 되돌리는 보상 트랜잭션(재고 해제, 환불, 주문 취소)을 실행한다(시드 001). 오케스트레이션 방식에서는 중앙의 오케스트레이터가 각 참여 서비스를 호출하고 모든 사가의 현재 상태를 알고 있어 보상을 쉽게 시작할 수 있다(시드 003). 같은 문서는 대가도 경고한다. 수행 과정에서 누락되는 작업이 없는지 살피고, 보상 처리에 누락이 없도록 설계해야 한다. 그리고 오케스트레이터도 두 단계 사이에서 죽을 수 있는 프로세스다.',
    pattern:
      '오케스트레이터는 사가를 확인 응답하기 전에 PostgreSQL의 로그에 먼저 기록하고, 각 단계의 결과를 사가를 다음 위치로 옮기는 같은 트랜잭션 안에서 기록한다. 시작할 때는 로그에 남은, 끝나지 않은 모든 사가를 이어서 진행한다. 응답은 왔지만 아직 로그에 기록하지 못한 단계는 재시작 후 다시 보내므로, 모든 참여 서비스는 (사가, 단계)마다 정확히 한 번만 적용한다. 단계의 효과와 사가 ID·단계로 된 키의 행이 함께 커밋되고, 같은 요청이 다시 오면 기록된 응답을 되돌려 준다(시드 002: 멱등성, 같은 요청은 한 번만 적용). 거절은 확정적이다(카드 거절, 재고 없음, 배송 불가 주소). 타임아웃이나 죽은 참여 서비스는 재시도할 뿐 보상하지 않는다. 사가가 주는 것은 즉시 일치가 아니라 비즈니스 일관성이다. 한동안은 재고가 예약만 되어 있고 주문은 아직 확정되지 않는다.',
    tryThis:
      '기본값으로 실행해 보자. 주문 30개, 결제 20% 거절, 배송 10% 불가(둘 다 시드 고정), 그리고 after-charge 지점(결제 서비스는 응답했지만 사가 로그는 아직 모름)에서 오케스트레이터를 죽이고 2초 동안 내려 둔다. 상태별 사가 차트를 보면 중단 동안 running 사가가 멈춰 있다가 completed나 compensated로 빠져나간다. killPoint를 after-reserve나 after-release로 바꿔 보자. idempotent=false로 하면 다시 보낸 단계가 두 번 적용되어(두 번째 결제나 예약) saga-once 검사가 실패한다. brokenCompensation=true로 하면 예약을 해제할 때 수량이 재고로 돌아가지 않아 재고 보존 검사가 실패한다.',
    expect:
      '기본값: valid. 확인 응답을 받은 모든 사가가 로그에 있고 재시작 후 boundMs 안에 종료되며, 적어도 하나는 로그에서 이어서 진행된다. 두 번 적용된 단계가 없다. 상품마다 가용 + 예약 + 판매 = 초기 재고이고, 남은 예약이 없으며, 판매 수량은 완료된 사가의 수량과 같다. 확정되면서 보상된 주문도, 확정된 주문 없이 받은 돈도 없다. 오케스트레이터가 내려가 있는 동안 쇼핑객은 주문을 다시 보내므로(같은 ID: 한 번만 생성) 모든 주문이 들어간다. retryStarts=false로 하면 중단 동안 시작한 주문은 정직하게 실패하고(연결 거부) 존재하지 않는다. brokenCompensation=true: invalid, stock-not-conserved = 해제된 모든 예약의 수량. idempotent=false: invalid, step-applied-twice. 재시작 후 다시 보낸 단계가 두 번째로 적용된다(두 번째 결제나 예약, 또는 두 번 기록된 거절).',
  },
};
