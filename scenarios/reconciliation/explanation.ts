import type { Bilingual, Explanation } from '../../main/engine/scenario';

export const title: Bilingual = {
  en: 'Reconciliation: a consistency validation job repairs drift',
  ko: '정합성 검증 작업이 불일치를 보정하는 재조정(reconciliation)',
};

export const summary: Bilingual = {
  en: 'The order service writes each order, then a copy to shipping, not atomically; some second writes never happen. A job compares the stores on a period and repairs the copy from the source of truth: drift charted down to zero, every repair counted and checked against the source.',
  ko: '주문 서비스가 주문을 쓰고 나서 배송 서비스에 사본을 쓰는데, 두 쓰기는 원자적이지 않아 두 번째 쓰기가 가끔 일어나지 않는다. 검증 작업이 주기적으로 두 저장소를 비교해 원본(진실의 원천)으로 사본을 보정한다. 불일치가 0까지 줄어드는 것을 차트로 보고, 모든 보정을 세고 원본과 대조한다.',
};

export const explanation: { en: Explanation; ko: Explanation } = {
  en: {
    problem:
      'Data is duplicated between services, and seed 002 says to accept that as a cost and add something that keeps the copies right. Writing the same fact to two stores is not atomic (seed 003: saving the order and telling the others are two operations, and a crash between them leaves the first without the second). Here the order service commits the order in its own database, then writes a copy to shipping’s database; for driftPercent of orders (seeded) the second write is skipped, as if the process had died or the message were lost. Nothing in the write path notices: the copy silently drifts from the source.',
    pattern:
      'A consistency validation job (seed 002: periodically check the data consistency between services and correct the mismatches, as a batch job or script). Every periodMs the reconciler reads the order service’s rows (the source of truth) and shipping’s copy, and for each row missing or different in the copy writes the source’s row into it, logging the repair in its own database. Rows younger than graceMs (3 s, longer than the 1.5 s the writer allows a copy write) are left alone, because their copy write may still be in flight and a repair would race it. Rows found only in the copy are reported, never deleted or invented: the source decides. The job repairs after the fact; until its next pass, readers of the copy see the drift.',
    tryThis:
      'Run the defaults: 40 orders, 20% of copy writes skipped, a pass every second. The drift chart climbs while orders are written and falls to zero after the passes; the repairs series climbs to the injected drift. Set reconcile=false: the drift never comes down (invalid). Set graceMs=0, intervalMs=10, orders=300 and periodMs=200: the job now also repairs rows whose copy write was only in flight, and the check counts them as spurious repairs. Raise periodMs to see drift live longer.',
    expect:
      'Defaults: valid. At the end no row differs (drift-left 0); the repairs equal the injected drift, one per skipped copy write, each writing exactly the source’s row (invented-repair 0, unrepaired-drift 0, spurious-repair 0); the database agrees (a test counts the skipped writes and the repair rows in SQL). reconcile=false: invalid, drift-left = unrepaired-drift = the number of skipped writes.',
  },
  ko: {
    problem:
      '서비스 사이에서 데이터 중복은 필연적이며, 시드 002는 이를 비용으로 받아들이고 정합성을 보완하는 장치를 두라고 한다. 같은 사실을 두 저장소에 쓰는 일은 원자적이지 않다(시드 003: 주문 저장과 다른 서비스에 알리는 일은 별개의 작업이고, 그 사이에 서비스가 끊기면 앞의 것만 남는다). 여기서 주문 서비스는 자기 데이터베이스에 주문을 커밋한 뒤 배송 서비스 데이터베이스에 사본을 쓴다. driftPercent 비율의 주문(시드 고정)은 두 번째 쓰기를 건너뛴다. 프로세스가 죽었거나 메시지가 사라진 것과 같다. 쓰기 경로의 어떤 것도 이를 알아채지 못하고, 사본은 조용히 원본과 어긋난다.',
    pattern:
      '정합성 검증 작업(Consistency Validation Job, 시드 002: 주기적으로 서비스 간 데이터 정합성을 점검하고 불일치 건을 보정하는 배치 잡 또는 스크립트). reconciler는 periodMs마다 주문 서비스의 행(진실의 원천)과 배송 서비스의 사본을 읽고, 사본에 없거나 다른 행마다 원본의 행을 사본에 쓰며 그 보정을 자기 데이터베이스에 기록한다. graceMs(3초, 작성자가 사본 쓰기에 허용하는 1.5초보다 길다)보다 최근의 행은 사본 쓰기가 아직 진행 중일 수 있어 보정하면 경쟁이 생기므로 건드리지 않는다. 사본에만 있는 행은 보고만 하고 지우거나 지어내지 않는다. 원본이 기준이다. 이 작업은 사후에 보정하므로, 다음 검증 전까지 사본을 읽는 쪽은 불일치를 본다.',
    tryThis:
      '기본값으로 실행해 보자. 주문 40개, 사본 쓰기 20% 건너뜀, 1초마다 검증. 주문을 쓰는 동안 불일치 차트가 올라가고 검증이 지나간 뒤 0으로 떨어지며, repairs 시리즈는 주입된 불일치 수까지 올라간다. reconcile=false로 하면 불일치가 줄지 않는다(invalid). graceMs=0, intervalMs=10, orders=300, periodMs=200으로 하면 사본 쓰기가 아직 진행 중이던 행까지 보정하게 되고, 검사는 이를 불필요한 보정(spurious repair)으로 센다. periodMs를 늘리면 불일치가 더 오래 남는다.',
    expect:
      '기본값: valid. 끝에는 다른 행이 없고(drift-left 0), 보정 수는 주입된 불일치 수와 같다. 건너뛴 사본 쓰기마다 하나씩, 원본의 행을 그대로 쓴다(invented-repair 0, unrepaired-drift 0, spurious-repair 0). 데이터베이스도 같은 답을 준다(테스트가 건너뛴 쓰기와 보정 행을 SQL로 센다). reconcile=false: invalid, drift-left = unrepaired-drift = 건너뛴 쓰기 수.',
  },
};
