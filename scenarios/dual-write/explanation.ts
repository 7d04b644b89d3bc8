import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Dual write: save the order, then publish the event',
  ko: '이중 쓰기: 주문을 저장한 뒤 이벤트를 발행',
};

export const summary: Bilingual = {
  en: 'The order service commits the order to its database and then publishes OrderCreated to Kafka. The two writes are not atomic: killed between them, the order exists and downstream never hears of it.',
  ko: '주문 서비스가 주문을 DB에 커밋한 다음 OrderCreated를 Kafka에 발행한다. 두 쓰기는 원자적이지 않아서, 그 사이에 서비스가 죽으면 주문은 존재하지만 다른 서비스는 그 사실을 끝내 알지 못한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Seed 003: creating an order means two things, inserting it into the order database and publishing an order-created event for the services that react to it (stock, shipping). Inserting the order and publishing the event are not atomic: there is no transaction spanning the database and the message broker. If the service goes down after adding the order and right before publishing the event, the new order is in the order database but the other services never receive the event. In the cloud, at scale, this does happen. Here the writer INSERTs and COMMITs in PostgreSQL, then publishes to Kafka (acks=all); the lab kills it exactly between the two, at the named point after-commit-before-publish.',
    pattern:
      'None: this is the naive version. The fix the seeds give (seed 002 and 003) is the transactional outbox: store the event in the same local transaction as the order and let a separate process publish it (scenarios outbox-polling and outbox-cdc). Compare them under the same fault with `chaoslab compare dual-write outbox-polling`.',
    tryThis:
      'Run it with the defaults: the writer is killed once while holding at after-commit-before-publish, and restarted. Set kills=3 to lose three events. Set fault=none: nothing is lost, which is exactly why the bug survives testing. The idempotent toggle changes nothing here: nothing is delivered twice, one event is simply never sent.',
    expect:
      'Verdict invalid. lost-event equals the number of orders committed in the writer’s table that the consumer never applied: one per kill. The client saw that order’s request fail with an unknown outcome (info), yet the order is committed; the report’s final stores show it in writer-orders and missing from consumer-effects. The stores never converge. With fault=none: valid, 0 lost.',
  },
  ko: {
    problem:
      '시드 003: 주문 생성은 두 가지 일이다. 주문 DB에 주문을 추가하고, 그 주문에 반응하는 서비스(재고, 배송)를 위해 order-created 이벤트를 발행한다. 주문 DB에 새 주문을 추가하는 것과 order-created 이벤트를 발행하는 것은 원자성이 없으므로, 데이터베이스와 메시지 브로커 사이에는 트랜잭션이 보장되지 않는다. 주문을 추가하고 이벤트를 발행하기 직전에 서비스가 끊기면, 새 주문은 주문 DB에 있지만 연계된 다른 서비스들은 이벤트를 전달받지 못한다. 클라우드에서 대규모 시스템을 운영하면 이런 일은 충분히 일어난다. 여기서 writer는 PostgreSQL에 INSERT하고 COMMIT한 뒤 Kafka에 발행(acks=all)하며, 랩은 그 둘 사이, 이름 붙은 지점 after-commit-before-publish에서 정확히 writer를 강제 종료한다.',
    pattern:
      '없음: 순진한 구현이다. 시드(002, 003)가 제시하는 해결책은 트랜잭셔널 아웃박스다. 이벤트를 주문과 같은 로컬 트랜잭션 안에 저장하고 별도 프로세스가 발행한다(시나리오 outbox-polling, outbox-cdc). `chaoslab compare dual-write outbox-polling`으로 같은 장애에서 비교해 보자.',
    tryThis:
      '기본값으로 실행하면 writer가 after-commit-before-publish에서 멈춰 있는 동안 한 번 강제 종료되고 다시 시작된다. kills=3으로 하면 이벤트 세 개를 잃는다. fault=none으로 하면 아무것도 잃지 않는다. 바로 그래서 이 버그는 테스트를 통과해 살아남는다. 멱등 토글은 여기서 아무것도 바꾸지 않는다. 두 번 전달되는 것은 없고, 한 이벤트가 아예 발행되지 않을 뿐이다.',
    expect:
      '판정은 invalid. lost-event는 writer 테이블에 커밋되었지만 컨슈머가 끝내 적용하지 못한 주문 수와 같다(강제 종료 한 번에 하나). 클라이언트는 그 주문 요청이 결과를 알 수 없는 실패(info)로 끝났다고 보지만 주문은 커밋되어 있다. 보고서의 최종 저장소에서 writer-orders에는 있고 consumer-effects에는 없다. 저장소는 끝내 수렴하지 않는다. fault=none이면 valid, 잃는 것 0.',
  },
};
