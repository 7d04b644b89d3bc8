import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'API composition vs a CQRS read model',
  ko: 'API 조합과 CQRS 읽기 모델',
};

export const summary: Bilingual = {
  en: 'Order details need product data. API composition calls the product service on every read: fresh, but it fails while that service is down. A CQRS read model fed by ProductPriceChanged events keeps answering from its own copy: available, but stale by a number of seconds the lab measures.',
  ko: '주문 상세에는 상품 데이터가 필요하다. API 조합은 조회할 때마다 상품 서비스를 호출하므로 최신이지만, 그 서비스가 내려가면 실패한다. ProductPriceChanged 이벤트로 채워지는 CQRS 읽기 모델은 자기 사본으로 계속 응답한다. 가용하지만, 랩이 초 단위로 측정하는 만큼 오래된 데이터다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'With a database per service, order details cannot join the order with its product in one query: the product data belongs to the product service (seed 002). Seed 002 names two answers. API composition: fetch the order from the order side and the product from the product service through its API, and combine them; simple and always up to date, but vulnerable to network delay and call failures. CQRS with event-carried state transfer: the product service publishes ProductPriceChanged, and the order side subscribes and keeps its own copy of the price, accepting a temporary inconsistency in exchange for less coupling and better performance. Seed 001 summarises the same trade: read and write models kept apart reach consistency eventually, through replication.',
    pattern:
      'The details service owns the orders and a read model of the products. GET /details/composed reads the order and calls the product service synchronously (a timeout of callTimeoutMs); GET /details/cqrs reads only the read model, which a Kafka consumer (group details) keeps up to date from ProductPriceChanged events, ignoring an event older than the version it holds. The product service changes a price every priceChangeMs and publishes the event. Each read-model answer carries its staleness: how long ago, at the product service, the newest change it applied was made. While the product service is up this stays below about a second; while it is down nobody changes prices and nobody can confirm them, so the staleness grows with the outage.',
    tryThis:
      'Run the defaults: two readers ask for order details every 200 ms for 16 s, and the product service is killed at 4 s and started again 6 s later. Compare the two readers: composition errors appear exactly while the product service is down, the read model answers every time and its staleness chart climbs to about the length of the outage, then drops after the restart. Raise priceChangeMs to make the read model staler even without a fault; lower callTimeoutMs to make composition fail faster. Then set fault=slow-product: the composition path reaches the product service through a Toxiproxy, which holds every answer latencyMs for downMs (also from the node menu: "latency" on product). Below callTimeoutMs the composed reads only slow down by the latency; at or above it every one of them times out, while the read model, which never calls the product service, answers as fast as before.',
    expect:
      'Defaults: composition-error > 0 (every read made while the product service was down failed, and a few just after its restart while it reconnects), read-model-unavailable = 0, and the staleness samples reach several seconds during the outage (about downMs, still growing until the restarted service publishes again) against under about a second before the fault. The run is reported invalid because composition errors are the anomaly this fault exposes; with fault=none both readers answer everything and the run is valid. slow-product with latencyMs 400 and callTimeoutMs 1000: no error, composed reads take about 410 ms while slow against about 10 ms otherwise (valid); with latencyMs 1500: the composed reads made while slow time out at 1000 ms (composition-error, invalid); the read model stays at a few ms in both.',
  },
  ko: {
    problem:
      '서비스마다 데이터베이스를 가지면 주문 상세를 조회할 때 주문과 상품을 하나의 쿼리로 조인할 수 없다. 상품 데이터는 상품 서비스의 것이다(시드 002). 시드 002는 두 가지 답을 든다. API 조합(API Composition): 주문 상세를 조회할 때 주문 정보와 상품 서비스의 상품 정보를 각각 API로 조회해 조합한다. 단순하고 실시간으로 최신 데이터를 가져오지만, 네트워크 지연과 호출 실패에 취약하다. 이벤트 기반 데이터 복제와 CQRS: 상품 서비스가 ProductPriceChanged 이벤트를 발행하고, 주문 쪽이 이를 구독해 가격을 자기 사본에 갱신한다. 일시적인 데이터 불일치를 감수하는 대신 서비스 간 결합을 줄이고 성능을 높인다. 시드 001도 같은 교환을 요약한다. 쓰기 모델과 읽기 모델을 따로 관리하며, 데이터 복제와 동기화로 최종 일관성을 확보한다.',
    pattern:
      'details 서비스는 주문과 상품 읽기 모델을 가진다. GET /details/composed는 주문을 읽고 상품 서비스를 동기 호출한다(타임아웃 callTimeoutMs). GET /details/cqrs는 읽기 모델만 읽는다. 읽기 모델은 Kafka 컨슈머(그룹 details)가 ProductPriceChanged 이벤트로 갱신하며, 가진 버전보다 오래된 이벤트는 무시한다. 상품 서비스는 priceChangeMs마다 가격을 바꾸고 이벤트를 발행한다. 읽기 모델의 모든 응답에는 오래된 정도(staleness)가 담긴다. 적용된 가장 최근 변경이 상품 서비스에서 얼마나 전에 일어났는지다. 상품 서비스가 살아 있으면 대략 1초 미만이고, 내려가 있으면 아무도 가격을 바꾸거나 확인할 수 없으므로 중단 시간만큼 커진다.',
    tryThis:
      '기본값으로 실행해 보자. 두 조회자가 16초 동안 200ms마다 주문 상세를 묻고, 상품 서비스는 4초에 죽었다가 6초 뒤에 다시 시작된다. 두 조회자를 비교하면 조합 오류는 정확히 상품 서비스가 내려가 있는 동안 나타나고, 읽기 모델은 매번 응답하며 staleness 차트가 중단 시간 정도까지 올라갔다가 재시작 후 떨어진다. priceChangeMs를 늘리면 장애가 없어도 읽기 모델이 더 오래된 데이터를 주고, callTimeoutMs를 줄이면 조합이 더 빨리 실패한다. 이어서 fault=slow-product로 바꿔 보자. 조합 경로는 Toxiproxy를 거쳐 상품 서비스에 닿고, Toxiproxy가 downMs 동안 모든 응답을 latencyMs만큼 붙잡는다(노드 메뉴의 product → "latency"로도 걸 수 있다). callTimeoutMs보다 짧으면 조합 조회는 그만큼 느려질 뿐이고, 같거나 길면 모두 타임아웃으로 실패한다. 상품 서비스를 호출하지 않는 읽기 모델은 전과 같은 속도로 응답한다.',
    expect:
      '기본값: composition-error > 0(상품 서비스가 내려가 있는 동안의 조회는 모두 실패하고, 재시작 직후 다시 연결하는 동안에도 몇 건 실패), read-model-unavailable = 0, staleness 표본은 중단 동안 수 초(대략 downMs, 재시작한 서비스가 다시 발행할 때까지 계속 증가)에 이르고, 장애 전에는 대략 1초 미만이다. 조합 오류가 이 장애가 드러내는 이상 현상이므로 실행은 invalid로 보고된다. fault=none이면 두 조회자 모두 전부 응답하고 실행은 valid다. slow-product에서 latencyMs 400, callTimeoutMs 1000이면 오류는 없고 조합 조회가 지연 중 약 410ms(평소 약 10ms) 걸린다(valid). latencyMs 1500이면 지연 중의 조합 조회가 1000ms에서 타임아웃된다(composition-error, invalid). 읽기 모델은 두 경우 모두 수 ms에 머문다.',
  },
};
