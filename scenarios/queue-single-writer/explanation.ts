import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'A queue in front of a single writer and one database',
  ko: '메시지 큐 뒤의 단일 라이터와 하나의 데이터베이스',
};

export const summary: Bilingual = {
  en: 'Every instance publishes orders to Kafka; one writer consumes them into a single PostgreSQL; reads go to that database. Nothing is lost, but a write is acknowledged before it can be read.',
  ko: '모든 인스턴스가 주문을 Kafka에 발행하고, 하나의 라이터가 이를 소비해 단일 PostgreSQL에 쓰며, 읽기는 그 데이터베이스에서 한다. 잃는 것은 없지만, 쓰기는 읽을 수 있게 되기 전에 확인된다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Seed 000’s third option mixes a message queue with one database: every instance sends its writes to the queue, the queue’s consumer stores them in one integrated database, and every instance reads from that database. The seed says the queue “handles concurrency and guarantees the order of delivery” and the database “keeps the data consistent”. What it leaves out: a write is acknowledged when the queue has it, not when the database does, so a user who reads right after writing may not see their own order.',
    pattern:
      'Queue in front of a single writer. A front instance answers 201 once Kafka acknowledged the OrderCreated event (acks=all, keyed by user). One writer, the topic’s only consumer, inserts each event into PostgreSQL (insert if absent, so a redelivered event is harmless) and then commits its offset. Reads, through the load balancer, query that database. Right after each acknowledgement the user reads the order back every 5 ms until it shows up: the time that takes is the read-after-write lag, one sample per order.',
    tryThis:
      'Run the defaults and read the lag percentiles and samples in the verdict. Raise consumerBatchMs to 300: the writer fetches in batches and the lag grows to match. Set fault=kill-writer: while the writer is down, writes are still acknowledged and the lag grows to the outage; after its restart it catches up from its committed offset and the database holds every acknowledged order. Raise users or lower intervalMs to load the single writer.',
    expect:
      'Verdict invalid, with stale reads: the first read after an acknowledgement usually misses the order. No acknowledged order is lost, none is stored twice. The lag is a few to a few tens of milliseconds with consumerBatchMs=0, up to the batch wait with batching, and as long as the outage with kill-writer. The divergence chart shows, at each sample, how many acknowledged orders the database does not show yet.',
  },
  ko: {
    problem:
      '시드 000의 세 번째 방법은 메시지 큐와 하나의 데이터베이스를 섞는다. 모든 인스턴스가 쓰기를 큐로 보내고, 큐의 컨슈머가 이를 하나의 통합 데이터베이스에 저장하며, 모든 인스턴스가 그 데이터베이스에서 읽는다. 시드는 큐가 “동시성을 처리하고 데이터 전달의 순서를 보장”하며 데이터베이스가 “데이터의 일관성을 유지”한다고 말한다. 빠진 것: 쓰기는 데이터베이스가 아니라 큐가 받았을 때 확인되므로, 쓰자마자 읽는 사용자는 자기 주문을 못 볼 수 있다.',
    pattern:
      '단일 라이터 앞의 큐. 프런트 인스턴스는 Kafka가 OrderCreated 이벤트를 확인하면(acks=all, 사용자 키) 201로 응답한다. 토픽의 유일한 컨슈머인 라이터 하나가 각 이벤트를 PostgreSQL에 넣고(없을 때만 넣으므로 다시 전달된 이벤트는 해가 없다) 오프셋을 커밋한다. 읽기는 로드 밸런서를 거쳐 그 데이터베이스를 조회한다. 사용자는 확인을 받은 직후부터 주문이 보일 때까지 5 ms마다 다시 읽는다. 그 시간이 읽기-후-쓰기 지연(read-after-write lag)이고, 주문마다 샘플 하나가 된다.',
    tryThis:
      '기본값으로 실행하고 판정에 나온 지연 백분위수와 샘플을 읽어 보자. consumerBatchMs를 300으로 올리면 라이터가 배치로 가져오므로 지연도 그만큼 커진다. fault=kill-writer: 라이터가 죽어 있는 동안에도 쓰기는 확인되고 지연은 장애 시간만큼 늘어난다. 재시작 후 라이터는 커밋한 오프셋부터 따라잡고, 데이터베이스는 확인된 주문을 모두 갖게 된다. users를 늘리거나 intervalMs를 줄여 단일 라이터에 부하를 줘 보자.',
    expect:
      '판정은 invalid, stale read가 나온다. 확인 직후의 첫 읽기는 대개 주문을 보지 못한다. 확인된 주문은 하나도 잃지 않고, 두 번 저장되지도 않는다. 지연은 consumerBatchMs=0이면 수 ms에서 수십 ms, 배치를 쓰면 배치 대기 시간까지, kill-writer면 장애 시간만큼이다. 불일치(divergence) 차트는 각 샘플 시점에 데이터베이스가 아직 보여 주지 않는 확인된 주문 수를 보여 준다.',
  },
};
