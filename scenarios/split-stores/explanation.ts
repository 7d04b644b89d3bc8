import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Split stores behind a round-robin load balancer',
  ko: '라운드 로빈 로드 밸런서 뒤의 분산 저장소',
};

export const summary: Bilingual = {
  en: 'Two instances of one order service, each with its own embedded database: the same user’s orders end up split between them.',
  ko: '하나의 오더 서비스를 두 인스턴스로 띄우고 각자 내장 DB를 쓰면, 같은 사용자의 주문이 두 DB에 나뉘어 저장된다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'A service scaled out to several instances, each keeping its own embedded database (H2 in the original lecture, SQLite here). A round-robin load balancer sends one user’s consecutive requests to alternating instances, so five orders land as 3 in one store and 2 in the other. No store holds the whole truth, and each list request shows a different, incomplete answer: the user cannot read their own writes.',
    pattern:
      'Nothing protects the data here: this is the problem the other patterns solve. The seed lecture’s fixes are one shared database (scenario shared-db), or keeping per-instance stores and synchronising them through a message queue such as Kafka (broker-sync).',
    tryThis:
      'Run it with the defaults and compare the per-store rows. Set instances=3 and orders=9. Switch fault=kill with storeMode=memory: instance 2 is killed mid-run and restarted, and what it held is gone. Repeat with storeMode=file: the restarted instance keeps its rows.',
    expect:
      'Verdict invalid. For 2 instances and 5 orders the stores hold 3 and 2; consecutive list reads disagree (read-your-writes violations > 0); no store holds all acknowledged orders (split-data). With the kill in memory mode, lost acknowledged writes equal the number of orders the killed instance held before the kill; in file mode none are lost.',
  },
  ko: {
    problem:
      '서비스를 여러 인스턴스로 확장했는데 인스턴스마다 자체 내장 데이터베이스(원래 강의에서는 H2, 여기서는 SQLite)를 사용한다. 라운드 로빈 로드 밸런서가 같은 사용자의 연속된 요청을 번갈아 다른 인스턴스로 보내므로, 주문 5건이 한 저장소에 3건, 다른 저장소에 2건으로 나뉜다. 어느 저장소도 전체 데이터를 갖고 있지 않고, 목록을 조회할 때마다 다른(불완전한) 결과가 나온다. 사용자는 자신이 쓴 데이터를 읽지 못한다.',
    pattern:
      '여기에는 데이터를 지키는 장치가 없다. 다른 패턴들이 해결하는 바로 그 문제다. 강의가 제시한 해결책은 하나의 공유 데이터베이스(시나리오 shared-db), 또는 인스턴스별 저장소를 유지하면서 Kafka 같은 메시지 큐로 동기화하는 방법(broker-sync)이다.',
    tryThis:
      '기본값으로 실행하고 저장소별 행 수를 비교해 보자. instances=3, orders=9로 바꿔 보자. fault=kill, storeMode=memory로 하면 실행 도중 인스턴스 2가 강제 종료되었다가 다시 시작되고, 그 인스턴스가 갖고 있던 주문은 사라진다. storeMode=file로 반복하면 재시작한 인스턴스가 데이터를 유지한다.',
    expect:
      '판정은 invalid. 인스턴스 2개, 주문 5건이면 저장소에 3건과 2건이 저장된다. 연속된 목록 조회 결과가 서로 다르고(read-your-writes 위반 > 0), 확인된 주문을 모두 가진 저장소가 없다(split-data). memory 모드에서 강제 종료하면, 잃어버린 확인된 쓰기의 수가 종료 직전 그 인스턴스가 갖고 있던 주문 수와 같다. file 모드에서는 잃어버리는 것이 없다.',
  },
};
