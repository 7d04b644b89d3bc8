// saga-choreography on real containers (PostgreSQL, Kafka, four participants): the inventory
// killed at a named point and started again with 20% of payments declined; what the lab
// reports must equal what SQL finds in each service's database.
import { describe, it, expect } from 'vitest';
import type { ContainerAccess } from '../../main/engine/runner';
import {
  sql,
  column,
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
  orders: { id: string; state: string; product: string; qty: number }[];
  declined: string[];
  reserveApplied: Map<string, number>;
}

async function readDb(a: ContainerAccess): Promise<Db> {
  const orders = (await sql(a, 'order', 'SELECT id, state, product, qty FROM orders ORDER BY id')).map(
    ([id, state, product, qty]) => ({ id, state, product, qty: Number(qty) }),
  );
  return {
    ...(await readSagaTables(a)),
    orders,
    declined: await column(a, 'payment', `SELECT saga_id FROM declines ORDER BY saga_id`),
    reserveApplied: new Map(
      (await sql(a, 'inventory', `SELECT saga_id, times FROM applied_steps WHERE step = 'reserve'`)).map(
        ([s, t]) => [s, Number(t)] as const,
      ),
    ),
  };
}

const { run } = sagaLab('saga-choreography', readDb);

describe('saga-choreography on real containers', () => {
  it('20% payments declined, inventory killed at after-reserve-commit and restarted: every saga terminal, every invariant holds', async () => {
    const { r, db, events } = await run({});
    // The inventory held at the point (reservation committed, StockReserved not sent) and was killed, then started.
    const holds = pointHolds(events, 'after-reserve-commit');
    expect(holds).toHaveLength(1);
    const held = String(holds[0].saga);
    expectRestarted(events, 'inventory');
    // The held saga's OrderCreated was read again after the restart; the reservation was applied once.
    expect(db.reserveApplied.get(held)).toBe(1);

    // Every acknowledged order exists and is terminal.
    const acked = idsOf(events, 'start', 'ok');
    expect(acked.length).toBe(30);
    expect(db.orders.map((o) => o.id)).toEqual([...acked].sort());
    expect(db.orders.every((o) => o.state === 'confirmed' || o.state === 'cancelled')).toBe(true);
    // Payments were declined (20%, seeded) and compensated: cancelled orders exist, stock released.
    expect(db.declined.length).toBeGreaterThan(0);
    for (const id of db.declined) expect(db.orders.find((o) => o.id === id)?.state).toBe('cancelled');
    expect(db.releasedUnits).toBeGreaterThan(0);
    expect(db.doubled).toEqual([]);

    // Stock conserved, nothing reserved, sold = units of confirmed orders.
    const confirmedOrders = db.orders.filter((o) => o.state === 'confirmed');
    expectStockConserved(db, confirmedOrders);
    const confirmed = confirmedOrders.map((o) => o.id);
    expect(db.charged).toEqual(confirmed);

    expectValidSagaRun(r);
    const t = checkOf(r, 'sagas-terminal').stats as { inLog: number; byState: Record<string, number> };
    expect(t.inLog).toBe(db.orders.length);
    expect(t.byState.completed ?? 0).toBe(confirmed.length);
    expectStockFromDb(r, db);
    expect(events.filter((e) => e.type === 'sample' && e.store === 'sagas-running').length).toBeGreaterThan(
      3,
    );
  });
});

describe('saga-choreography with a broken compensation', () => {
  it('release drops reservations without restocking: the stock invariant fails by exactly the released units', async () => {
    const { r, db } = await run({ brokenCompensation: 'true', fault: 'none', sagas: '20' });
    expectBrokenCompensation(r, db);
  });
});
