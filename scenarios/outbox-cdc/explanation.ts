import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Transactional outbox read from the WAL by Debezium (log-based CDC)',
  ko: 'Debezium이 WAL에서 읽는 트랜잭셔널 아웃박스 (로그 기반 CDC)',
};

export const summary: Bilingual = {
  en: 'The order and its event commit in one transaction; Debezium (Kafka Connect, PostgreSQL connector, pgoutput, outbox event router) reads the outbox rows from the write-ahead log and publishes them. Kill Connect mid-stream: it resumes from its stored offset, nothing is lost, a few events are sent twice and the idempotent consumer absorbs them, and meanwhile the replication slot makes PostgreSQL keep the WAL, charted.',
  ko: '주문과 이벤트를 하나의 트랜잭션으로 커밋하고, Debezium(Kafka Connect, PostgreSQL 커넥터, pgoutput, 아웃박스 이벤트 라우터)이 아웃박스 행을 WAL(트랜잭션 로그)에서 읽어 발행한다. 스트리밍 도중 Connect를 강제 종료하면 저장된 오프셋부터 다시 읽는다. 잃는 것은 없고 몇몇 이벤트가 두 번 발행되며 멱등 컨슈머가 흡수한다. 그동안 복제 슬롯 때문에 PostgreSQL이 WAL을 지우지 못하고 쌓아 두는 양을 차트로 보여 준다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'The outbox (seed 002 and 003) makes the order and its event atomic, but something must still carry the event to the broker. Polling the outbox table (outbox-polling) costs queries: shorten the interval to see changes sooner and the load rises (seed 003). Seed 003’s alternative is change data capture from the transaction log: Debezium reads the database’s log, so every change is tracked without polling and without an extra timestamp column, and “even if Debezium goes down it is safe, because the database’s log does not disappear”. The lab tests that last claim by killing Kafka Connect in the middle of the stream, and shows what keeps the log from disappearing, and what it costs.',
    pattern:
      'Transactional outbox + log-based CDC. The writer inserts the order and an outbox row in one local transaction. The Debezium PostgreSQL connector reads the committed changes from the WAL through a logical replication slot (pgoutput); the outbox event router turns each outbox row into an OrderCreated message on the orders topic (key: the order id, header id: the event id). Connect commits the connector’s position (its offset, a WAL position) to Kafka every offsetFlushMs, and only then confirms that position to the slot. A killed worker restarts from the last committed offset: nothing is skipped, and what it had sent after that commit is sent again, so delivery is at least once and the consumer must be idempotent (seed 002: duplicates filtered by a key, here the event id). The slot is why the log “does not disappear”: PostgreSQL keeps every WAL segment from the slot’s restart_lsn on, whether or not the connector is there. restart_lsn moves forward only in steps (at the running-transactions records the server writes about every 15 s, once the connector has confirmed past them), so the retained WAL is a staircase even when all is well. The connector also captures a heartbeat table that it writes every heartbeatMs: without changes to confirm, a connector whose tables go quiet never lets the slot advance.',
    tryThis:
      'Run the defaults: 100 orders, one every 200 ms; Connect is killed at 4 s and started again 4 s later (it then needs several seconds to answer and resume the connector). Watch the slot-wal-retained-kib line in the rows chart climb while Connect is down, then drop back once Connect has caught up. Switch idempotent off: the events Connect sent again are applied twice (duplicate-effect). Raise offsetFlushMs (for example 15000) for more re-sent events, lower it (500) for fewer. Set fault=none for the baseline. `chaoslab compare dual-write outbox-polling outbox-cdc` puts the three under their faults side by side.',
    expect:
      'lost-event 0: every committed order reaches the consumer after Connect restarts. The topic holds more messages than there are orders (the events re-sent after the restart, counted by cdc-redelivery). Idempotent consumer on: duplicate-effect 0, verdict valid. Off: duplicate-effect > 0 (usually; a kill right after an offset commit re-sends nothing), verdict invalid. wal-retained: the WAL held by the slot rises while Connect is down and falls after it is back; a slot that never let go would be invalid (in production it fills the disk, or max_slot_wal_keep_size invalidates the slot and the connector must start over).',
  },
  ko: {
    problem:
      '아웃박스(시드 002, 003)는 주문과 이벤트를 원자적으로 만들지만, 누군가는 그 이벤트를 브로커까지 옮겨야 한다. 아웃박스 테이블을 폴링하면(outbox-polling) 쿼리 비용이 든다. 변경을 더 빨리 확인하려고 폴링 간격을 줄이면 그만큼 부하가 늘어난다(시드 003). 시드 003의 대안은 트랜잭션 로그를 읽는 변경 데이터 캡처(CDC)다. Debezium은 데이터베이스의 로그를 읽으므로 폴링 없이, 별도의 타임스탬프 컬럼 없이 모든 변경을 추적하고, "Debezium이 다운되더라도 데이터베이스의 로그가 사라지지 않기 때문에 안전"하다. 랩은 스트리밍 도중 Kafka Connect를 강제 종료해 이 마지막 주장을 시험하고, 로그가 사라지지 않게 붙잡아 두는 것이 무엇이며 그 비용이 얼마인지 보여 준다.',
    pattern:
      '트랜잭셔널 아웃박스 + 로그 기반 CDC. 라이터는 주문과 아웃박스 행을 하나의 로컬 트랜잭션으로 추가한다. Debezium PostgreSQL 커넥터는 논리 복제 슬롯(pgoutput)을 통해 커밋된 변경을 WAL에서 읽고, 아웃박스 이벤트 라우터가 아웃박스 행 하나하나를 orders 토픽의 OrderCreated 메시지로 바꾼다(키: 주문 ID, id 헤더: 이벤트 ID). Connect는 커넥터의 위치(오프셋, 즉 WAL 위치)를 offsetFlushMs마다 Kafka에 커밋하고, 그다음에야 그 위치를 슬롯에 확인(confirm)해 준다. 강제 종료된 워커는 마지막으로 커밋된 오프셋부터 다시 시작한다. 건너뛰는 것은 없고, 커밋 이후에 이미 보냈던 것은 다시 보낸다. 그래서 전달은 최소 한 번(at-least-once)이고 컨슈머는 멱등해야 한다(시드 002: 키 기반으로 중복 필터링, 여기서 키는 이벤트 ID). 로그가 "사라지지 않는" 이유는 슬롯이다. PostgreSQL은 커넥터가 붙어 있든 없든 슬롯의 restart_lsn 이후의 WAL을 모두 보관한다. restart_lsn은 계단식으로만 전진한다(서버가 약 15초마다 남기는 실행 중 트랜잭션 기록 지점을, 커넥터가 그 이후까지 확인해 준 뒤에야). 그래서 정상일 때도 보관된 WAL은 계단 모양이다. 커넥터는 heartbeatMs마다 자신이 쓰는 하트비트 테이블도 캡처한다. 확인해 줄 변경이 없으면, 캡처하는 테이블이 조용해진 커넥터는 슬롯을 전진시키지 못한다.',
    tryThis:
      '기본값으로 실행하자. 주문 100건을 200 ms마다 넣고, 4초에 Connect를 강제 종료한 뒤 4초 후에 다시 시작한다(그 뒤에도 응답하고 커넥터를 재개하기까지 몇 초가 걸린다). 행 수 차트의 slot-wal-retained-kib 선이 Connect가 내려가 있는 동안 올라가고, Connect가 따라잡은 뒤 다시 내려가는 것을 보자. idempotent를 끄면 Connect가 다시 보낸 이벤트가 두 번 적용된다(duplicate-effect). offsetFlushMs를 올리면(예: 15000) 다시 보내는 이벤트가 늘고, 내리면(500) 준다. fault=none은 기준선이다. `chaoslab compare dual-write outbox-polling outbox-cdc`는 세 방식을 각자의 장애 아래 나란히 보여 준다.',
    expect:
      'lost-event 0: Connect가 재시작한 뒤 커밋된 주문은 모두 컨슈머에 도달한다. 토픽에는 주문 수보다 많은 메시지가 있다(재시작 후 다시 보낸 이벤트, cdc-redelivery가 센다). 멱등 컨슈머를 켜면 duplicate-effect 0, 판정 valid. 끄면 duplicate-effect > 0(대개 그렇다. 오프셋 커밋 직후에 죽이면 다시 보낼 것이 없다), 판정 invalid. wal-retained: 슬롯이 붙잡은 WAL은 Connect가 내려가 있는 동안 늘고, 돌아온 뒤 줄어든다. 끝내 놓아주지 않는 슬롯은 invalid다(운영 환경에서는 디스크가 가득 차거나, max_slot_wal_keep_size가 슬롯을 무효화해 커넥터가 처음부터 다시 시작해야 한다).',
  },
};
