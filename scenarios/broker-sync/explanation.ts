import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Per-instance stores kept in sync through Kafka',
  ko: 'Kafka로 동기화하는 인스턴스별 저장소',
};

export const summary: Bilingual = {
  en: 'Each instance keeps its own store and publishes OrderCreated to Kafka; every instance applies every event. Tests seed 000’s claims that a message queue keeps the stores consistent and “guarantees order”.',
  ko: '각 인스턴스가 자기 저장소를 갖고 OrderCreated를 Kafka에 발행하며, 모든 인스턴스가 모든 이벤트를 적용한다. 메시지 큐가 저장소의 정합성을 지키고 “순서를 보장한다”는 시드 000의 주장을 실험한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Seed 000 keeps one store per instance and synchronises them through a message queue (RabbitMQ or Kafka), claiming this secures consistency while each instance stays independent, and that “the message queue guarantees the order of data transfer”. Both claims hold only under conditions the seed does not name. The stores agree only eventually: while a broker is down or an instance is cut off from it, they drift apart. Kafka keeps order only within one partition. An acknowledged event survives the death of a partition leader only if it was copied to a follower first. And the seed’s example listener puts every instance in one consumer group (“order-group”): each event then reaches one instance only, and the stores never converge.',
    pattern:
      'Event-carried state transfer. POST /orders stores the order locally, publishes OrderCreated (keyed by the user, or with no key), and answers 201 only once Kafka acknowledged the event (acks=1: the partition leader alone; acks=all: every in-sync replica, at least min.insync.replicas=2 of 3). Every instance consumes every event with a consumer group of its own, applies it (the order if absent, plus one “effect” row: inserted only once by an idempotent consumer, blindly by a naive one), and commits its offset afterwards. Each instance shows the lab two stores: its state (order-N) and the log of events it applied, in the order applied (order-N:log).',
    tryThis:
      'Run the defaults: valid, the stores converge within a second. fault=kill-broker: the broker is down for downMs; writes wait for Kafka, the stores drift apart, then converge, and the report gives the time after the fault. partitions=4 with partitionKey=none, then partitionKey=user: order violations appear, then vanish. fault=kill-consumer with idempotent=false, then true: an instance is killed after applying an event and before committing its offset; the event comes again after the restart. fault=partition-instance cuts one instance off from the brokers. fault=pause-broker freezes the broker for downMs (docker pause) instead of killing it. fault=slow-broker-link sends one instance’s Kafka traffic through Toxiproxy and adds latencyMs to every broker answer on that link for downMs. brokers=3, fault=kill-broker (kafka-1 leads the partition), followerFetchWaitMs=100, acks=1, then acks=all. consumerGroup=shared copies the seed’s listener.',
    expect:
      'Defaults: valid, 0 order violations, 0 duplicates, 0 lost. kill-broker: the rows and divergence charts open a gap during the outage that closes after it; convergence after the last fault is a number of milliseconds. partitionKey=none with several partitions: order violations > 0, each one an event that overtook a later one of the same user from another partition (consumers take events in batches, partition by partition); partitionKey=user: 0, because one user’s events share a partition. kill-consumer: duplicate effects > 0 when the consumer is not idempotent, 0 when it is. acks=1 with the leader killed: acknowledged events that no instance ever applied (lost-event > 0), when the kill lands while followers lag; acks=all: 0 lost. pause-broker: no write is acknowledged while the broker is frozen; those asked meanwhile are answered just after the thaw, and the stores converge. slow-broker-link (1500 ms): each write the slowed instance serves takes at least the latency (measured: median 1,509 ms against 7 ms through the other instance), its consumer group falls behind (lag peak 30 messages against 4) and its store lags; healed, every store converges, nothing lost. consumerGroup=shared: not converged.',
  },
  ko: {
    problem:
      '시드 000은 인스턴스마다 저장소를 하나씩 두고 메시지 큐(RabbitMQ, Kafka)로 동기화하면 각 서비스의 독립성을 지키면서 데이터 정합성을 확보할 수 있고, “메시지 큐는 데이터 전송 순서를 보장한다”고 말한다. 두 주장 모두 시드가 밝히지 않은 조건에서만 성립한다. 저장소들은 결국에만 일치한다. 브로커가 죽어 있거나 인스턴스가 브로커와 끊긴 동안에는 서로 달라진다. Kafka는 한 파티션 안에서만 순서를 지킨다. 확인(ack)된 이벤트라도 팔로워에 복제되기 전에 파티션 리더가 죽으면 사라질 수 있다. 그리고 시드의 예제 리스너는 모든 인스턴스를 하나의 컨슈머 그룹(“order-group”)에 넣는다. 그러면 각 이벤트가 한 인스턴스에만 전달되어 저장소들이 끝내 일치하지 않는다.',
    pattern:
      '이벤트 기반 상태 전달(event-carried state transfer). POST /orders는 주문을 로컬에 저장하고 OrderCreated를 발행한 뒤(키는 사용자, 또는 키 없음), Kafka가 이벤트를 확인한 다음에야 201로 응답한다(acks=1: 파티션 리더만, acks=all: 모든 in-sync 레플리카, 3개 중 최소 min.insync.replicas=2개). 모든 인스턴스가 각자의 컨슈머 그룹으로 모든 이벤트를 소비해 적용하고(주문이 없으면 저장, 그리고 “효과” 행 하나: 멱등 컨슈머는 한 번만, 단순 컨슈머는 무조건 삽입), 그 다음에 오프셋을 커밋한다. 각 인스턴스는 실험실에 두 저장소를 보여 준다. 상태(order-N)와 적용한 이벤트를 적용 순서대로 적은 로그(order-N:log)다.',
    tryThis:
      '기본값으로 실행하면 valid이고 저장소가 1초 안에 일치한다. fault=kill-broker: 브로커가 downMs 동안 죽는다. 쓰기는 Kafka를 기다리고, 저장소들이 벌어졌다가 다시 일치하며, 보고서가 장애 이후 수렴 시간을 알려 준다. partitions=4에서 partitionKey=none, 그 다음 partitionKey=user: 순서 위반이 나타났다가 사라진다. fault=kill-consumer에서 idempotent=false, 그 다음 true: 이벤트를 적용한 뒤 오프셋을 커밋하기 전에 인스턴스를 죽이면, 재시작 후 그 이벤트가 다시 온다. fault=partition-instance는 인스턴스 하나를 브로커들과 끊는다. fault=pause-broker는 브로커를 죽이는 대신 downMs 동안 얼린다(docker pause). fault=slow-broker-link는 인스턴스 하나의 Kafka 트래픽을 Toxiproxy로 돌리고, downMs 동안 그 링크의 브로커 응답마다 latencyMs를 더한다. brokers=3, fault=kill-broker(kafka-1이 파티션 리더), followerFetchWaitMs=100에서 acks=1, 그 다음 acks=all. consumerGroup=shared는 시드의 리스너를 그대로 따라 한다.',
    expect:
      '기본값: valid, 순서 위반 0, 중복 0, 유실 0. kill-broker: 장애 동안 행 수와 불일치 차트에 틈이 벌어졌다가 장애 후 닫히고, 마지막 장애 이후 수렴 시간이 밀리초로 나온다. 파티션이 여러 개이고 partitionKey=none이면 순서 위반 > 0: 각각은 같은 사용자의 더 나중 이벤트를 다른 파티션에서 앞지른 이벤트다(컨슈머는 이벤트를 배치로, 파티션별로 가져온다). partitionKey=user이면 0: 한 사용자의 이벤트는 한 파티션에 모이기 때문이다. kill-consumer: 컨슈머가 멱등이 아니면 중복 효과 > 0, 멱등이면 0. acks=1에서 리더를 죽이면, 팔로워가 뒤처진 순간에 죽였을 때 확인되었지만 어느 인스턴스도 적용하지 못한 이벤트가 생긴다(lost-event > 0). acks=all이면 유실 0. pause-broker: 브로커가 얼어 있는 동안 확인되는 쓰기는 없고, 그동안 들어온 쓰기는 풀린 직후에 응답받으며, 저장소는 수렴한다. slow-broker-link(1500 ms): 느려진 인스턴스가 처리하는 쓰기는 모두 지연 시간 이상 걸리고(측정: 중앙값 1,509 ms, 다른 인스턴스는 7 ms), 그 컨슈머 그룹이 뒤처지며(lag 최고 30개, 다른 그룹은 4개) 저장소도 늦어진다. 복구되면 모든 저장소가 수렴하고 유실은 없다. consumerGroup=shared: 수렴하지 않는다(not-converged).',
  },
};
