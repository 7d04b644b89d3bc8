// What a person would check by hand, for the docker tests: SQL run with psql inside the
// database container, one service's database at a time, while the run's containers still
// exist (the runner's beforeTeardown hook). Also reads of the run's own log.
import fs from 'node:fs';
import path from 'node:path';
import type { ContainerAccess } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import type { Op } from '../../main/engine/history';
import { C, PARTICIPANTS, PG } from './names';

/** Rows of a query in one service's database, each a list of column texts. */
export async function sql(access: ContainerAccess, database: string, query: string): Promise<string[][]> {
  const r = await access.exec(C.db, [
    'psql',
    '-X',
    '-q',
    '-U',
    PG.user,
    '-d',
    database,
    '-t',
    '-A',
    '-F',
    '|',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    query,
  ]);
  if (r.exitCode !== 0) throw new Error(`psql ${database} failed (${r.exitCode}): ${r.text}`);
  return r.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => l.split('|'));
}

/** The first column of every row. */
export async function column(access: ContainerAccess, database: string, query: string): Promise<string[]> {
  return (await sql(access, database, query)).map((r) => r[0]);
}

export async function count(access: ContainerAccess, database: string, query: string): Promise<number> {
  const rows = await sql(access, database, query);
  return Number(rows[0]?.[0] ?? NaN);
}

/** What the saga scenarios read the same way from the participants' databases. */
export interface SagaTables {
  /** The inventory's counters per product. */
  products: { id: string; available: number; reserved: number; sold: number }[];
  /** Units of the reservations released (compensated). */
  releasedUnits: number;
  /** "database:saga" or "database:saga:step": an effect row or an application more than once. */
  doubled: string[];
  /** Sagas whose payment holds a kept charge, sorted. */
  charged: string[];
}

export async function readSagaTables(a: ContainerAccess): Promise<SagaTables> {
  const products = (
    await sql(a, 'inventory', 'SELECT id, available, reserved, sold FROM products ORDER BY id')
  ).map(([id, av, re, so]) => ({ id, available: Number(av), reserved: Number(re), sold: Number(so) }));
  const doubled: string[] = [];
  for (const [db, q] of [
    ['inventory', 'SELECT saga_id FROM reservations GROUP BY saga_id HAVING count(*) > 1'],
    ['payment', 'SELECT saga_id FROM charges GROUP BY saga_id HAVING count(*) > 1'],
    ['shipping', 'SELECT saga_id FROM shipments GROUP BY saga_id HAVING count(*) > 1'],
    [
      'order',
      `SELECT order_id FROM order_events WHERE event = 'created' GROUP BY order_id HAVING count(*) > 1`,
    ],
    ...PARTICIPANTS.map((d) => [d, `SELECT saga_id || ':' || step FROM applied_steps WHERE times > 1`]),
  ] as const)
    for (const x of await column(a, db, q)) doubled.push(`${db}:${x}`);
  return {
    products,
    releasedUnits: await count(
      a,
      'inventory',
      `SELECT COALESCE(sum(qty), 0) FROM reservations WHERE state = 'released'`,
    ),
    doubled,
    charged: await column(
      a,
      'payment',
      `SELECT saga_id FROM charges WHERE state = 'charged' ORDER BY saga_id`,
    ),
  };
}

export function readRunLog(dir: string): RunEvent[] {
  return fs
    .readFileSync(path.join(dir, 'run.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as RunEvent);
}

/** Completed ops of function `f` with outcome `type`. */
export function completions(events: readonly RunEvent[], f: string, type: Op['type']): Op[] {
  return events.flatMap((e) => (e.type === 'op' && e.op.f === f && e.op.type === type ? [e.op] : []));
}

/** The ids of the ops of function `f` that completed with `type`. */
export function idsOf(events: readonly RunEvent[], f: string, type: Op['type']): string[] {
  return completions(events, f, type)
    .map((o) => (o.value as { id?: string } | undefined)?.id)
    .filter((x): x is string => typeof x === 'string')
    .sort();
}

/** Details the lab logged when a service held at a named point: "<target> holds at <point> ({...})". */
export function pointHolds(events: readonly RunEvent[], point: string): Record<string, unknown>[] {
  return events.flatMap((e) => {
    if (e.type !== 'log') return [];
    const m = new RegExp(`holds at ${point} \\((\\{.*\\})\\)`).exec(e.message);
    return m ? [JSON.parse(m[1]) as Record<string, unknown>] : [];
  });
}
