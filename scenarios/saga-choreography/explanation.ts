import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Saga choreography on Kafka events',
  ko: 'Kafka 이벤트로 움직이는 코레오그래피 사가',
};

export const summary: Bilingual = {
  en: 'No orchestrator: order, inventory, payment and shipping, each with its own database, subscribe to each other’s events on Kafka and run the next step; a declined payment makes inventory release the stock and the order cancel itself. Kill the inventory mid-saga: sagas stall, then finish, stock conserved.',
  ko: '오케스트레이터 없이 주문, 재고, 결제, 배송 서비스(각자 자기 데이터베이스를 가짐)가 Kafka에서 서로의 이벤트를 구독해 다음 단계를 실행한다. 결제가 거절되면 재고 서비스가 예약을 해제하고 주문이 취소된다. 사가 도중에 재고 서비스를 죽이면 사가가 멈췄다가 재시작 후 끝나고, 재고는 보존된다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Each service owns its database, so one transaction cannot span an order, its stock reservation and its payment (seed 002: database per service). Seed 001 considers exactly this: publish an event when a reservation is made, let payment subscribe to it, and when payment fails run a compensating action instead of a rollback: the SAGA pattern in its choreography style, where each service subscribes to events and executes its step, with no central coordinator. The seeds name the price too: consistency becomes eventual (for a while stock is reserved and no order is confirmed) and only business consistency is guaranteed, not perfect synchronisation (seed 002); events can be lost or repeated and a consumer can die mid-step, so retries must be considered (seed 001).',
    pattern:
      'OrderCreated -> inventory reserves -> StockReserved -> payment charges -> PaymentCompleted -> shipping schedules -> ShipmentScheduled -> inventory sells the stock -> StockCommitted -> the order is confirmed. A declined payment publishes PaymentFailed: inventory releases the reservation (StockReleased) and the order is cancelled. Every event is on a Kafka topic of the service that published it; each participant reads with its own consumer group, applies the step in one local transaction together with a row keyed by (saga, step), publishes the next event, and only then is the offset committed. A participant killed after its commit and before its publish reads the event again on restart: the step replays its recorded outcome (nothing is applied twice) and the event is published, possibly twice, which the next participant absorbs the same way. Nobody knows the whole saga; the order service’s view (pending, confirmed, cancelled) is what the lab samples as sagas by state.',
    tryThis:
      'Run the defaults: 30 orders, 20% of payments declined (seeded by saga id), and the inventory killed at after-reserve-commit (a reservation committed, StockReserved not yet sent), down for 3 s. Watch sagas by state: running sagas pile up while inventory is down (nobody else can move them), then drain to completed or compensated after the restart. Move killPoint to after-release-commit to kill it in the middle of a compensation. Set brokenCompensation=true: releasing a reservation no longer returns the units to the shelf, and stock conservation fails.',
    expect:
      'Defaults: valid. Every acknowledged order ends completed or compensated within boundMs after the restart; per product available + reserved + sold equals the initial stock, nothing left reserved, sold equals the units of completed sagas; no order both confirmed and cancelled, no money kept without a confirmed order; no (saga, step) applied twice even though the killed step’s event is read again. brokenCompensation=true: invalid, stock-not-conserved equals the units of every released reservation; the other checks still hold.',
  },
  ko: {
    problem:
      '각 서비스가 자기 데이터베이스를 소유하므로 주문, 재고 예약, 결제를 하나의 트랜잭션으로 묶을 수 없다(시드 002: Database per Service). 시드 001은 바로 이 상황을 고민한다. 예약 생성 시 이벤트를 발행하고, 결제 서비스가 이를 구독해 결제를 처리하며, 결제 실패 시 롤백 대신 보상 작업으로 예약을 취소한다. 이것이 코레오그래피 방식의 SAGA 패턴이다. 중앙 조정자 없이 각 서비스가 이벤트를 구독하고 다음 단계를 실행한다. 시드는 대가도 말한다. 일관성은 최종적 일관성이 되고(한동안 재고는 예약만 되어 있고 주문은 아직 확정되지 않음), Saga는 데이터의 완벽한 동기화가 아니라 비즈니스 단위의 일관성을 보장한다(시드 002). 이벤트는 누락되거나 반복될 수 있고 소비자는 단계 도중에 죽을 수 있으므로 재시도를 고려해야 한다(시드 001).',
    pattern:
      'OrderCreated -> 재고 예약 -> StockReserved -> 결제 -> PaymentCompleted -> 배송 등록 -> ShipmentScheduled -> 재고 판매 처리 -> StockCommitted -> 주문 확정. 결제가 거절되면 PaymentFailed가 발행되고, 재고 서비스가 예약을 해제하며(StockReleased) 주문이 취소된다. 모든 이벤트는 발행한 서비스의 Kafka 토픽에 있고, 참여 서비스마다 자기 컨슈머 그룹으로 읽는다. 단계는 (사가, 단계) 키의 행과 함께 하나의 로컬 트랜잭션으로 적용되고, 다음 이벤트를 발행한 뒤에야 오프셋이 커밋된다. 커밋 후 발행 전에 죽은 참여 서비스는 재시작 후 같은 이벤트를 다시 읽는다. 단계는 기록된 결과를 되돌려 줄 뿐 두 번 적용되지 않고, 이벤트는 발행된다(두 번일 수도 있으며, 다음 참여 서비스가 같은 방식으로 흡수한다). 누구도 사가 전체를 알지 못한다. 랩은 주문 서비스가 보는 상태(대기, 확정, 취소)를 상태별 사가로 측정한다.',
    tryThis:
      '기본값으로 실행해 보자. 주문 30개, 결제 20% 거절(사가 ID로 시드 고정), 그리고 after-reserve-commit 지점(예약은 커밋됐지만 StockReserved는 아직 발행 전)에서 재고 서비스를 죽이고 3초 동안 내려 둔다. 상태별 사가 차트를 보면 재고 서비스가 내려가 있는 동안 running 사가가 쌓이고(다른 누구도 진행시킬 수 없음), 재시작 후 completed나 compensated로 빠져나간다. killPoint를 after-release-commit으로 바꾸면 보상 도중에 죽인다. brokenCompensation=true로 하면 예약 해제 시 수량이 재고로 돌아가지 않아 재고 보존 검사가 실패한다.',
    expect:
      '기본값: valid. 확인 응답을 받은 모든 주문이 재시작 후 boundMs 안에 completed나 compensated로 끝난다. 상품마다 가용 + 예약 + 판매 = 초기 재고이고, 남은 예약이 없으며, 판매 수량은 완료된 사가의 수량과 같다. 확정되면서 취소된 주문도, 확정된 주문 없이 받은 돈도 없다. 죽은 단계의 이벤트를 다시 읽어도 두 번 적용된 (사가, 단계)가 없다. brokenCompensation=true: invalid, stock-not-conserved = 해제된 모든 예약의 수량. 다른 검사는 그대로 통과한다.',
  },
};
