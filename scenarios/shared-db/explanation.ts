import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'One shared database behind two instances',
  ko: '두 인스턴스가 함께 쓰는 하나의 데이터베이스',
};

export const summary: Bilingual = {
  en: 'The same order service, scaled to two instances, now on one PostgreSQL: the orders no longer split, but concurrent buyers of one product oversell it unless the code locks, and when the database dies both instances fail together.',
  ko: '같은 오더 서비스를 두 인스턴스로 띄우고 PostgreSQL 하나를 함께 쓰게 하면 주문이 더 이상 나뉘지 않는다. 하지만 한 상품을 동시에 사는 구매자들 때문에 잠금 없이 짠 코드는 재고보다 많이 팔고, 데이터베이스가 죽으면 두 인스턴스가 함께 실패한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'The lecture’s first fix for split stores is one database for every instance: all instances read and write the same tables, so every order lands in one place and a user reads their own writes whichever instance answers. The same lecture warns of the price: when many instances use one database at the same time, concurrency control and transaction management become the hard part. Here K buyers try to buy a hot product whose stock is S, through the round-robin load balancer, so both instances sell it at once. Written naively (read the stock, think for a moment, write read-1 and a sale row, in an ordinary READ COMMITTED transaction), two buyers who read the same stock both sell and one decrement is lost: the database ends up with more sale rows than there were units. A shared database is also a single point of failure: kill it and every instance fails together. And sharing a database between services couples them tightly (the second seed): a schema change or an outage in one place is everyone’s problem, which is why microservices share data, not data sources.',
    pattern:
      'Two fixes for the race, both inside the database: a row lock (SELECT ... FOR UPDATE in the transaction, so buyers queue on the product row) or optimistic concurrency (a version column: UPDATE ... WHERE version = v, and when 0 rows changed someone else won, so read again and retry a bounded number of times). Neither fixes the single point of failure; that needs replication or the per-service stores and events of the broker scenarios.',
    tryThis:
      'Run with the defaults (concurrency=naive): count the sale rows against the stock. Switch concurrency=lock, then optimistic: with the same buyers no unit is sold twice. Turn thinkMs down to 0 and the naive race narrows (fewer lost updates), up to 100 and it widens. Set fault=kill-db: the database is killed mid-run for downMs and both instances’ requests fail until it is back; the ops-per-second chart shows the drop, and the availability check gives each instance’s share of failed requests during the outage.',
    expect:
      'Plain orders: valid, one store holds them all and every read shows the reader’s orders. naive: verdict invalid, oversell = sale rows - initial stock > 0 and lost updates = acknowledged sales - (initial - final stock) > 0. lock and optimistic: oversell 0, lost updates 0, exactly S units sold when demand exceeds stock (optimistic may give up on a buyer after its retries: an honest failure, never a sale). kill-db: both instances fail during the outage (fail when the database refused before COMMIT, info when a COMMIT was cut off and its outcome is unknown); no acknowledged order or sale is lost.',
  },
  ko: {
    problem:
      '강의가 분산 저장 문제의 첫 번째 해결책으로 제시한 것은 모든 인스턴스가 하나의 데이터베이스를 쓰는 것이다. 모든 인스턴스가 같은 테이블을 읽고 쓰므로 주문이 한곳에 모이고, 어느 인스턴스가 응답하든 사용자는 자신이 쓴 데이터를 읽는다. 강의는 그 대가도 말한다. 여러 인스턴스가 동시에 하나의 DB를 참조하면 동시성 제어와 트랜잭션 관리가 복잡해진다. 여기서는 K명의 구매자가 재고가 S개인 인기 상품을 라운드 로빈 로드 밸런서를 거쳐 사므로, 두 인스턴스가 동시에 같은 상품을 판다. 단순하게 짠 코드(재고를 읽고, 잠깐 처리한 뒤, 읽은 값-1을 쓰고 판매 행을 추가, 보통의 READ COMMITTED 트랜잭션)에서는 같은 재고를 읽은 두 구매자가 모두 판매에 성공하고 차감 하나가 사라진다. 결국 데이터베이스에는 재고보다 많은 판매 행이 남는다. 공유 데이터베이스는 단일 장애 지점이기도 하다. DB가 죽으면 모든 인스턴스가 함께 실패한다. 또한 여러 서비스가 데이터베이스를 공유하면 강하게 결합된다(두 번째 시드 문서). 한곳의 스키마 변경이나 장애가 모두의 문제가 되므로, 마이크로서비스에서는 DB(데이터 소스) 공유는 지양하고 데이터를 공유한다.',
    pattern:
      '경쟁 상태를 막는 두 가지 방법은 모두 데이터베이스 안에 있다. 행 잠금(트랜잭션 안에서 SELECT ... FOR UPDATE: 구매자들이 상품 행 앞에 줄을 선다), 또는 낙관적 동시성 제어(version 컬럼: UPDATE ... WHERE version = v, 바뀐 행이 0개면 다른 누군가가 먼저 썼으므로 다시 읽고 정해진 횟수만큼 재시도). 둘 다 단일 장애 지점은 해결하지 못한다. 그것은 복제, 또는 브로커 시나리오의 서비스별 저장소와 이벤트가 필요하다.',
    tryThis:
      '기본값(concurrency=naive)으로 실행하고 판매 행 수와 재고를 비교해 보자. concurrency=lock, 그다음 optimistic으로 바꾸면 같은 구매자 수에서도 한 개를 두 번 파는 일이 없다. thinkMs를 0으로 줄이면 naive의 경쟁 구간이 좁아지고(잃어버린 갱신 감소), 100으로 늘리면 넓어진다. fault=kill-db로 하면 실행 도중 데이터베이스가 downMs 동안 강제 종료되고, 다시 올라올 때까지 두 인스턴스의 요청이 모두 실패한다. 초당 처리량 차트에 그 하락이 보이고, availability 검사가 장애 동안 인스턴스별 실패 비율을 알려 준다.',
    expect:
      '일반 주문: valid. 하나의 저장소가 모든 주문을 갖고, 모든 조회가 자신의 주문을 보여 준다. naive: 판정 invalid, 초과 판매(oversell) = 판매 행 수 - 초기 재고 > 0, 잃어버린 갱신(lost update) = 확인된 판매 - (초기 재고 - 최종 재고) > 0. lock과 optimistic: 초과 판매 0, 잃어버린 갱신 0, 수요가 재고보다 많으면 정확히 S개가 팔린다(optimistic은 재시도를 다 쓰면 구매를 포기할 수 있다: 정직한 실패이며 판매가 아니다). kill-db: 장애 동안 두 인스턴스 모두 실패한다(COMMIT 전에 DB가 거부했으면 fail, COMMIT이 끊겨 결과를 모르면 info). 확인된 주문이나 판매는 하나도 사라지지 않는다.',
  },
};
