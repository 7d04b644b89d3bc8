import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Synchronous gateway with rollback: partial failure',
  ko: '롤백하는 동기식 게이트웨이: 부분 실패',
};

export const summary: Bilingual = {
  en: 'A coordinator calls the order, inventory and payment services in turn and rolls back when one fails. Kill a participant after it committed and before it answered: its rollback cannot reach it, the user hears "failed", and its change stays. Partial failures counted.',
  ko: '코디네이터가 주문, 재고, 결제 서비스를 차례로 호출하고 하나라도 실패하면 롤백한다. 참여 서비스가 커밋한 직후, 응답하기 전에 죽이면 롤백이 닿지 않는다. 사용자는 "실패"를 듣지만 그 변경은 남는다. 부분 실패를 센다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Seed 004 describes the gateway approach to synchronous data sharing: a coordinator starts the update, sends the update request to every service concerned, checks their answers, counts the transaction done when all succeed and rolls back when one fails. Its advantages are that it is simple to build and keeps the data consistent; its drawbacks, in the same list, are that failures spread easily and that partial failure is hard to handle. Each participant commits its own local transaction when it answers, so a "rollback" is really another request, and it only works if it arrives. Here the gateway creates the order, reserves the stock and charges the card, one synchronous call after the other.',
    pattern:
      'The naive coordinator of the seed: no log of its own, one attempt per rollback. The lab kills a participant at its named point after-<step>-commit: its transaction has committed, its answer is not sent. The gateway sees a broken connection (an unknown outcome), so it rolls back every step done and the uncertain one too; the dead participant’s rollback is refused, the gateway answers 502 "failed", and the participant comes back with its change committed. What would fix it (not done here on purpose): a persisted log and rollbacks retried until they are acknowledged, which is what the saga-orchestration scenario does, or a reconciliation job (scenario reconciliation).',
    tryThis:
      'Run the defaults: 60 orders from 2 users, 20% of payments declined (seeded), and the inventory killed twice just after committing a reservation, down for 1 s each time. Compare the declined payments (clean failures: inventory and order rolled back) with the killed requests (partial failures: the reservation stays). While the inventory is down every order fails whole: with synchronous calls one service’s failure is every order’s failure. Set killTarget=payment (a charge kept for a failed order; if the killed request was a declined charge there is nothing to keep) or killTarget=order, or kills=0 for a valid run.',
    expect:
      'Defaults: invalid. partial-failure = participants left committed for orders the user was told failed, one per kill when the killed step had taken effect (for the inventory: stock still reserved for a failed order; the database shows it). The declined payments roll back cleanly, and every successful order is complete at all three participants (incomplete-order = 0). kills=0: valid.',
  },
  ko: {
    problem:
      '시드 004는 동기식 데이터 공유의 게이트웨이 접근 방식을 설명한다. 코디네이터가 업데이트를 시작하고, 관련 서비스들에 업데이트 요청을 보내고, 응답을 확인해 모두 성공하면 트랜잭션 완료로 보고, 하나라도 실패하면 롤백한다. 장점은 구현이 간단하고 데이터 일관성을 보장한다는 것이고, 같은 목록의 단점은 장애 전파 가능성이 높고 부분 실패 처리가 어렵다는 것이다. 각 참여 서비스는 응답할 때 자기 로컬 트랜잭션을 이미 커밋하므로, "롤백"은 사실 또 하나의 요청이며 도착해야만 효과가 있다. 여기서 게이트웨이는 주문 생성, 재고 예약, 카드 결제를 동기 호출로 하나씩 한다.',
    pattern:
      '시드의 단순한 코디네이터: 자기 로그가 없고 롤백은 한 번씩만 시도한다. 랩은 참여 서비스를 이름 붙은 지점 after-<step>-commit에서 죽인다. 트랜잭션은 커밋됐고 응답은 아직 보내지 않은 때다. 게이트웨이는 끊긴 연결(결과를 모름)을 보고, 끝난 단계와 불확실한 단계까지 모두 롤백하려 한다. 죽은 참여 서비스로의 롤백은 거부되고, 게이트웨이는 502 "실패"로 응답하며, 참여 서비스는 변경이 커밋된 채로 다시 올라온다. 고치는 방법(여기서는 일부러 하지 않음): 저장된 로그와 확인될 때까지 재시도하는 롤백(saga-orchestration 시나리오가 하는 일), 또는 정합성 검증 작업(reconciliation 시나리오).',
    tryThis:
      '기본값으로 실행해 보자. 사용자 2명이 주문 60개를 보내고, 결제 20%가 거절되며(시드 고정), 재고 서비스가 예약을 커밋한 직후 두 번 죽고 매번 1초 동안 내려가 있다. 거절된 결제(정상 실패: 재고와 주문이 롤백됨)와 죽인 요청(부분 실패: 예약이 남음)을 비교해 보자. 재고 서비스가 내려가 있는 동안에는 모든 주문이 통째로 실패한다. 동기 호출에서는 한 서비스의 장애가 모든 주문의 장애가 된다. killTarget=payment(실패한 주문의 결제가 남음. 죽인 요청이 거절된 결제였다면 남을 것이 없음), killTarget=order, 또는 valid 실행을 보려면 kills=0으로 바꿔 보자.',
    expect:
      '기본값: invalid. partial-failure = 사용자에게 실패라고 알린 주문에 대해 커밋된 채 남은 참여 서비스 수. 죽인 단계가 효과를 냈다면 죽일 때마다 하나다(재고 서비스라면 실패한 주문의 재고가 예약된 채 남고, 데이터베이스에서 확인된다). 거절된 결제는 깨끗이 롤백되고, 성공한 주문은 세 참여 서비스 모두에 온전히 남는다(incomplete-order = 0). kills=0: valid.',
  },
};
