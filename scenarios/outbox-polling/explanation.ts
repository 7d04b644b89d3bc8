import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Transactional outbox with a polling relay',
  ko: '폴링 릴레이를 쓰는 트랜잭셔널 아웃박스',
};

export const summary: Bilingual = {
  en: 'The order and its event are written in one local transaction; a relay polls the outbox, publishes to Kafka and marks rows sent. Killed between publish and mark, it publishes again: nothing is lost, duplicates appear, and an idempotent consumer absorbs them.',
  ko: '주문과 이벤트를 하나의 로컬 트랜잭션으로 저장하고, 릴레이가 아웃박스를 폴링해 Kafka에 발행한 뒤 발행 완료로 표시한다. 발행과 표시 사이에 릴레이가 죽으면 다시 발행한다. 잃는 것은 없고 중복이 생기며, 멱등 컨슈머가 중복을 흡수한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'The dual-write gap (seed 003): committing an order and publishing its event are two writes with no transaction across the database and the broker, so a crash between them loses the event. The fix moves the event into the database, which brings a new question: the relay that forwards it can also crash, between publishing an outbox row and marking it sent.',
    pattern:
      'Transactional outbox (seed 002 and 003): inside the local transaction that inserts the order, the event to publish is stored in an outbox table, and both commit together: atomicity between the data and the message. A separate process, the message relay (seed 002’s Outbox Processor), reads the stored events, sends them to the message broker and then marks them as sent (the seed also deletes them; here they stay, marked). The seed says this solves lost data and failed sends; the lab shows the price: delivery is at-least-once, so the consumer must be idempotent (seed 002: the same request arriving several times takes effect once, duplicates filtered by a key — here the event id, recorded in the same transaction as the effect). Polling trade-off (seed 003): to see changes sooner you shorten the polling interval, and the load (queries, CPU) rises; log-based CDC (outbox-cdc) avoids that.',
    tryThis:
      'Run the defaults: the relay is killed once while holding at relay-after-publish-before-mark (the batch is in Kafka, not yet marked) and restarted; it publishes the batch again. Switch idempotent off: the consumer applies those events twice, counted as duplicate-effect. Change pollMs (50, 200, 1000): the relay-polling check and the delivery-latency check show queries per second against latency. `chaoslab compare dual-write outbox-polling` puts both under the same fault side by side.',
    expect:
      'lost-event 0 in every setting: every committed order reaches the consumer. Kafka holds more messages than there are orders (the republished batch). Idempotent consumer on: duplicate-effect 0, verdict valid. Off: duplicate-effect > 0, equal to the size of the republished batch that the consumer had already applied, verdict invalid. Stores converge after the relay restarts. Shorter polling: lower latency, more queries per second.',
  },
  ko: {
    problem:
      '이중 쓰기의 틈(시드 003): 주문 커밋과 이벤트 발행은 두 번의 쓰기이고 데이터베이스와 브로커를 아우르는 트랜잭션이 없으므로, 그 사이에 장애가 나면 이벤트를 잃는다. 해결책은 이벤트를 데이터베이스 안으로 옮기는 것인데, 그러면 새 질문이 생긴다. 이벤트를 전달하는 릴레이도 아웃박스 행을 발행한 뒤 발행 완료로 표시하기 전에 죽을 수 있다.',
    pattern:
      '트랜잭셔널 아웃박스(시드 002, 003): 주문을 추가하는 로컬 트랜잭션 안에서 발행할 이벤트를 아웃박스 테이블에 저장하고 함께 커밋한다. 데이터와 메시지 발행 사이의 원자성을 확보하는 방식이다. 별도 프로세스인 메시지 릴레이(시드 002의 Outbox Processor)가 저장된 이벤트를 읽어 메시지 브로커에 전송한 다음, 전송되었다고 표시한다(시드는 이후 삭제하지만 여기서는 표시만 남긴다). 시드는 이것으로 데이터 유실과 메시지 전송 실패 문제를 해결한다고 말한다. 랩은 그 대가를 보여 준다. 전달은 최소 한 번(at-least-once)이므로 컨슈머가 멱등해야 한다(시드 002: 같은 요청이 여러 번 들어와도 결과는 한 번만 적용, 키 기반으로 중복 필터링 — 여기서 키는 이벤트 ID이고, 효과와 같은 트랜잭션에서 기록한다). 폴링의 트레이드오프(시드 003): 변경을 더 빨리 확인하려고 폴링 간격을 줄이면 그만큼 부하(쿼리, CPU)가 늘어난다. 로그 기반 CDC(outbox-cdc)는 이를 피한다.',
    tryThis:
      '기본값으로 실행하면 릴레이가 relay-after-publish-before-mark에서 멈춘 동안(배치는 Kafka에 있고 아직 표시되지 않음) 한 번 강제 종료되고 다시 시작되며, 그 배치를 다시 발행한다. idempotent를 끄면 컨슈머가 그 이벤트들을 두 번 적용하고 duplicate-effect로 집계된다. pollMs를 바꿔 보자(50, 200, 1000). relay-polling 검사와 delivery-latency 검사가 초당 쿼리 수와 지연을 보여 준다. `chaoslab compare dual-write outbox-polling`은 둘을 같은 장애 아래 나란히 놓는다.',
    expect:
      '모든 설정에서 lost-event 0: 커밋된 주문은 모두 컨슈머에 도달한다. Kafka에는 주문 수보다 많은 메시지가 있다(다시 발행된 배치). 멱등 컨슈머를 켜면 duplicate-effect 0, 판정 valid. 끄면 duplicate-effect > 0이고, 컨슈머가 이미 적용했던 재발행 배치의 크기와 같으며 판정 invalid. 릴레이가 재시작한 뒤 저장소는 수렴한다. 폴링 간격이 짧을수록 지연은 낮고 초당 쿼리는 많다.',
  },
};
