import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Idempotency keys, retries and a dead letter queue',
  ko: '멱등 키, 재시도, 데드 레터 큐',
};

export const summary: Bilingual = {
  en: 'A client retries orders that timed out; a payment consumer retries failing messages with backoff and sends the ones that never succeed to a dead letter queue. Without an idempotency key the client’s retries create duplicate orders (and charges); with it, each request makes one order. Every message ends paid exactly once or in the DLQ, checked against the database and the DLQ topic.',
  ko: '클라이언트는 타임아웃된 주문 요청을 재시도하고, 결제 컨슈머는 실패한 메시지를 백오프를 두고 재시도하다 끝내 성공하지 못한 메시지를 데드 레터 큐(DLQ)로 보낸다. 멱등 키가 없으면 클라이언트의 재시도가 중복 주문(과 중복 결제)을 만들고, 있으면 요청 하나가 주문 하나가 된다. 모든 메시지는 정확히 한 번 결제되거나 DLQ에 들어가야 하며, 데이터베이스와 DLQ 토픽을 직접 조회해 확인한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Between services, failures are normal and retries are how systems recover, but every retry repeats something. A client whose request timed out cannot tell whether the order was made, so it sends it again: if the first request did go through, the order (and later the charge) now exists twice. A consumer whose message fails retries it; some messages fail every time (a poison message: here a card the payment gateway can never process), and retrying them forever blocks the partition behind them, while dropping them silently loses them.',
    pattern:
      'Seed 002’s three reliability tools. Idempotency: design so that the same request applied many times takes effect once (its example: an order-creation API called twice still creates one order), filtering duplicates by a key. Here the client sends an Idempotency-Key (the same on every try of one request); the order table stores it under a UNIQUE constraint, so a retry gets the first order back instead of a new one. The consumer is idempotent too: it records each processed message in the same transaction as the payment, so a redelivered message is skipped. Retry and dead letter queue: a failed event is retried, and after a set number of tries it moves to a DLQ for manual recovery. Here the consumer retries in place with exponential backoff (backoffMs, doubled each try) up to maxAttempts tries, then publishes the message to orders.dlq with the last error and the number of tries in its headers, and moves on. Retrying in place keeps the order of the partition, at a price: while a message is being retried, the messages behind it wait.',
    tryThis:
      'Run the defaults: 30 requests; 20% of the first replies are held back 1500 ms (as a GC pause or a slow network would) while the client gives up after 800 ms and tries again; 10% of cards are poison, 20% flaky (the gateway times out once). Then set idempotencyKey=false: every held-back request becomes two orders, both paid (duplicate-order, double-charge). Set slowMs below clientTimeoutMs and the duplicates disappear even without a key: the client never had a reason to retry. Set maxAttempts=1: flaky cards land in the DLQ too (misrouted); raise backoffMs and watch the run take longer as poison messages block their partition.',
    expect:
      'dlq-accounting valid in every setting: each order’s message is paid exactly once or sits in the DLQ exactly once (lost-message, applied-twice, dead-twice, applied-and-dead, phantom all 0), the same counts a direct query of the payment table and of the DLQ topic gives. idempotencyKey on: duplicate-order 0, verdict valid. Off: duplicate-order equals the number of held-back requests the client retried, double-charge counts those paid twice (a poison request doubled sits twice in the DLQ instead), verdict invalid. dlq-routing: poison cards in the DLQ, valid and flaky cards paid (flaky after one retry).',
  },
  ko: {
    problem:
      '서비스 사이에서 장애는 흔한 일이고, 시스템은 재시도로 회복한다. 하지만 재시도는 무언가를 반복한다. 요청이 타임아웃된 클라이언트는 주문이 만들어졌는지 알 수 없으므로 다시 보낸다. 첫 요청이 실제로 처리되었다면 주문이(그리고 나중에는 결제도) 두 번 생긴다. 메시지 처리에 실패한 컨슈머는 재시도한다. 어떤 메시지는 매번 실패한다(독 메시지: 여기서는 결제 게이트웨이가 절대 처리하지 못하는 카드). 이를 끝없이 재시도하면 뒤에 있는 메시지가 모두 막히고, 조용히 버리면 잃어버린다.',
    pattern:
      '시드 002의 세 가지 신뢰성 도구. 멱등성: 같은 요청이 여러 번 들어와도 결과가 한 번만 적용되도록 설계한다(예: 주문 생성 API가 중복 호출돼도 주문은 한 번만 생성). 키 기반으로 중복을 필터링한다. 여기서 클라이언트는 Idempotency-Key를 보낸다(한 요청의 모든 시도에 같은 키). 주문 테이블은 이 키를 UNIQUE 제약으로 저장하므로, 재시도는 새 주문 대신 첫 주문을 돌려받는다. 컨슈머도 멱등하다. 처리한 메시지를 결제와 같은 트랜잭션에 기록하므로 다시 전달된 메시지는 건너뛴다. 재시도와 데드 레터 큐: 실패한 이벤트는 재시도하고, 일정 횟수를 넘으면 DLQ로 옮겨 수동으로 복구한다. 여기서 컨슈머는 제자리에서 지수 백오프(backoffMs, 시도마다 두 배)로 maxAttempts번까지 시도한 뒤, 마지막 오류와 시도 횟수를 헤더에 담아 메시지를 orders.dlq에 발행하고 다음으로 넘어간다. 제자리 재시도는 파티션의 순서를 지키지만 대가가 있다. 한 메시지를 재시도하는 동안 그 뒤의 메시지들은 기다린다.',
    tryThis:
      '기본값으로 실행하자. 요청 30건 중 20%는 첫 응답이 1500 ms 늦게 오고(GC 일시 정지나 느린 네트워크처럼), 클라이언트는 800 ms 후 포기하고 다시 시도한다. 카드의 10%는 독(poison), 20%는 불안정(flaky: 게이트웨이가 한 번 타임아웃)이다. 이제 idempotencyKey=false로 하면 늦게 응답한 요청이 모두 주문 두 건이 되고 둘 다 결제된다(duplicate-order, double-charge). slowMs를 clientTimeoutMs보다 작게 하면 키가 없어도 중복이 사라진다. 클라이언트가 재시도할 이유가 없기 때문이다. maxAttempts=1로 하면 불안정 카드도 DLQ로 간다(misrouted). backoffMs를 올리면 독 메시지가 파티션을 막아 실행이 길어지는 것을 볼 수 있다.',
    expect:
      '모든 설정에서 dlq-accounting은 valid다. 주문마다 그 메시지는 정확히 한 번 결제되거나 DLQ에 정확히 한 번 있다(lost-message, applied-twice, dead-twice, applied-and-dead, phantom 모두 0). 결제 테이블과 DLQ 토픽을 직접 조회한 수와 같다. idempotencyKey를 켜면 duplicate-order 0, 판정 valid. 끄면 duplicate-order는 클라이언트가 재시도한, 응답이 늦었던 요청의 수와 같고, double-charge는 그중 두 번 결제된 수다(독 카드 요청이 중복되면 대신 DLQ에 두 번 들어간다). 판정 invalid. dlq-routing: 독 카드는 DLQ에, 정상 카드와 불안정 카드는 결제된다(불안정 카드는 재시도 한 번 후).',
  },
};
