// saga-orchestration on real containers: the orchestrator killed at a named point and
// started again; what the lab reports must equal what SQL finds in each service's database.
import { describe, it, expect } from 'vitest';
import type { ContainerAccess } from '../../main/engine/runner';
import { PARTICIPANTS } from '../shared-saga/names';
import {
  sql,
  column,
  count,
  readSagaTables,
  idsOf,
  pointHolds,
  type SagaTables,
} from '../shared-saga/direct-queries';
import {
  sagaLab,
  checkOf,
  expectBrokenCompensation,
  expectRestarted,
  expectStockConserved,
  expectStockFromDb,
  expectValidSagaRun,
} from '../shared-saga/saga-lab.fixture';

interface Db extends SagaTables {
  sagas: { id: string; state: string; product: string; qty: number; resumed: number }[];
  logTwice: number;
  confirmed: string[];
  cancelled: string[];
  /** "database:saga:step" -> applications recorded by the participant. */
  applied: Map<string, number>;
  /** "saga:step:phase" -> saga log entries. */
  logged: Map<string, number>;
}

async function readDb(a: ContainerAccess): Promise<Db> {
  const sagas = (
    await sql(a, 'orchestrator', 'SELECT id, state, product, qty, resumed FROM sagas ORDER BY id')
  ).map(([id, state, product, qty, resumed]) => ({
    id,
    state,
    product,
    qty: Number(qty),
    resumed: Number(resumed),
  }));
  return {
    ...(await readSagaTables(a)),
    sagas,
    logTwice: await count(
      a,
      'orchestrator',
      `SELECT count(*) FROM (SELECT 1 FROM saga_log GROUP BY saga_id, step, phase HAVING count(*) > 1) x`,
    ),
    confirmed: await column(a, 'order', `SELECT id FROM orders WHERE state = 'confirmed' ORDER BY id`),
    cancelled: await column(a, 'order', `SELECT id FROM orders WHERE state = 'cancelled' ORDER BY id`),
    applied: new Map(
      (
        await Promise.all(
          PARTICIPANTS.map(async (d) =>
            (await sql(a, d, 'SELECT saga_id, step, times FROM applied_steps')).map(
              ([saga, step, times]) => [`${d}:${saga}:${step}`, Number(times)] as const,
            ),
          ),
        )
      ).flat(),
    ),
    logged: new Map(
      (
        await sql(a, 'orchestrator', 'SELECT saga_id, step, phase, count(*) FROM saga_log GROUP BY 1, 2, 3')
      ).map(([saga, step, phase, n]) => [`${saga}:${step}:${phase}`, Number(n)] as const),
    ),
  };
}

const { run } = sagaLab('saga-orchestration', readDb);

describe('saga-orchestration on real containers', () => {
  it('orchestrator killed at after-charge and restarted: no saga lost or doubled, every invariant holds', async () => {
    const { r, db, events } = await run({});
    // The fault happened where it was asked: the orchestrator held at after-charge and was killed.
    const holds = pointHolds(events, 'after-charge');
    expect(holds).toHaveLength(1);
    const held = String(holds[0].saga);
    expect(
      r.report.faults.some((f) => f.kind === 'point' && f.target === 'orchestrator' && f.source === 'lab'),
    ).toBe(true);
    expectRestarted(events, 'orchestrator');

    // No saga lost: every acknowledged saga is in the log; nothing else is.
    const acked = idsOf(events, 'start', 'ok');
    expect(acked.length).toBeGreaterThan(0);
    expect(db.sagas.map((s) => s.id)).toEqual(acked);
    // Every saga terminal; some resumed from the log after the restart (the held one at least).
    expect(db.sagas.every((s) => s.state === 'completed' || s.state === 'compensated')).toBe(true);
    expect(db.sagas.find((s) => s.id === held)?.resumed).toBeGreaterThan(0);
    // The held saga's charge: its reply arrived, the log never heard of it, the restarted
    // orchestrator sent it again; payment applied it once and the log has it once.
    expect(db.applied.get(`payment:${held}:charge`)).toBe(1);
    expect(db.logged.get(`${held}:charge:do`)).toBe(1);
    // No saga doubled: no step applied twice anywhere, no step logged twice.
    expect(db.doubled).toEqual([]);
    expect(db.logTwice).toBe(0);

    // Stock conserved, nothing left reserved, sold = units of the completed sagas (per product).
    const completedSagas = db.sagas.filter((s) => s.state === 'completed');
    expectStockConserved(db, completedSagas);
    // Money kept only for confirmed orders; confirmed and cancelled disjoint; completed <-> confirmed.
    const completed = completedSagas.map((s) => s.id);
    expect(db.confirmed).toEqual(completed);
    expect(db.charged).toEqual(completed);
    expect(db.cancelled).toEqual(db.sagas.filter((s) => s.state === 'compensated').map((s) => s.id));

    // The lab says the same.
    expectValidSagaRun(r);
    const t = checkOf(r, 'sagas-terminal').stats as {
      acknowledged: number;
      inLog: number;
      byState: Record<string, number>;
    };
    expect(t).toMatchObject({ acknowledged: acked.length, inLog: db.sagas.length });
    expect(t.byState.completed ?? 0).toBe(completed.length);
    expectStockFromDb(r, db);
    // Sagas by state were sampled over time, with gaps while the orchestrator was down.
    const samples = events.filter((e) => e.type === 'sample' && e.store === 'sagas-running');
    expect(samples.length).toBeGreaterThan(3);
  });
});

describe('saga-orchestration with a broken compensation', () => {
  it('release drops reservations without restocking: the stock invariant fails by exactly the released units', async () => {
    const { r, db } = await run({ brokenCompensation: 'true', fault: 'none', sagas: '20' });
    // Only the stock is wrong: every saga still ended, none doubled.
    expectBrokenCompensation(r, db);
  });
});
