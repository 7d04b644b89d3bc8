// Role `cdc-admin`: sets up change data capture for a scenario, then watches it.
// Start-up (healthy only when all of it is done):
//   1. waits for the tables the connector captures (the writer creates the outbox),
//      and creates the heartbeat table the connector's heartbeat writes to;
//   2. registers the connector with Kafka Connect (PUT, so a restart of this role is harmless);
//   3. waits until the connector and its task run and the replication slot is active.
// Then it samples the slot every SAMPLE_MS. Reads for the lab:
//   GET /slot/retained     WAL the slot holds back (current LSN - restart_lsn), as one id
//                          per KiB: the server cannot recycle it while the slot needs it
//   GET /slot/unconfirmed  WAL the connector has not confirmed (current - confirmed_flush_lsn)
//   GET /status            connector state, the slot's numbers, the peak while inactive and
//                          whether the WAL written meanwhile is released (slot-watch.ts)
import type { Config } from './config';
import { sleep, type Pool } from './db';
import { connectorStatus, isRunning, putConnector, restartFailed, type ConnectorStatus } from './connect-api';
import { kibIds, parseLsn } from './lsn';
import { SlotWatch, type SlotRow } from './slot-watch';
import type { Reply, Routes } from '../lib/json-server';

const SETUP_TIMEOUT_MS = 120_000;

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  log: (l: string) => void,
): Promise<T> {
  const started = Date.now();
  let last = '';
  let told = started;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() - started > SETUP_TIMEOUT_MS)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    if (Date.now() - told >= 5000) {
      told = Date.now();
      log(`still waiting for ${what}${last ? ` (${last})` : ''}`);
    }
    await sleep(300);
  }
}

export class CdcAdmin {
  ready = false;
  readonly watch = new SlotWatch();
  status: ConnectorStatus = { connector: 'UNREGISTERED', tasks: [] };
  setupMs: Record<string, number> = {};
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pool: Pool,
    private readonly c: Pick<
      Config,
      'connectUrl' | 'connectorName' | 'connectorConfig' | 'slotName' | 'heartbeatTable' | 'sampleMs'
    >,
    private readonly log: (l: string) => void,
  ) {}

  private async slotRow(): Promise<SlotRow | null> {
    const r = await this.pool.query<SlotRow>(
      `SELECT active, restart_lsn::text AS restart, confirmed_flush_lsn::text AS confirmed,
              pg_current_wal_lsn()::text AS current
         FROM pg_replication_slots WHERE slot_name = $1`,
      [this.c.slotName],
    );
    return r.rows[0] ?? null;
  }

  async setup(): Promise<void> {
    const t0 = Date.now();
    const config = this.c.connectorConfig!;
    await this.pool.query(
      `CREATE TABLE IF NOT EXISTS ${this.c.heartbeatTable} (id integer PRIMARY KEY, at timestamptz NOT NULL)`,
    );
    const tables = (config['table.include.list'] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    await until(
      `tables ${tables.join(', ')}`,
      async () => {
        const r = await this.pool.query<{ missing: string[] }>(
          'SELECT array_agg(t) FILTER (WHERE to_regclass(t) IS NULL) AS missing FROM unnest($1::text[]) t',
          [tables],
        );
        return r.rows[0].missing?.length ? undefined : true;
      },
      this.log,
    );
    this.setupMs.tables = Date.now() - t0;
    await until(
      'Kafka Connect to accept the connector',
      async () => {
        await putConnector(this.c.connectUrl, this.c.connectorName, config);
        return true;
      },
      this.log,
    );
    this.setupMs.registered = Date.now() - t0;
    this.log(`registered connector ${this.c.connectorName} with ${this.c.connectUrl}`);
    let restarts = 0;
    await until(
      'the connector and its task to run',
      async () => {
        this.status = await connectorStatus(this.c.connectUrl, this.c.connectorName);
        const failed = this.status.tasks.find((t) => t.state === 'FAILED');
        if (failed && restarts < 3) {
          restarts++;
          this.log(`task failed, restarting it: ${(failed.trace ?? '').split('\n')[0]}`);
          await restartFailed(this.c.connectUrl, this.c.connectorName);
        }
        return isRunning(this.status) ? true : undefined;
      },
      this.log,
    );
    this.setupMs.running = Date.now() - t0;
    await until(
      `slot ${this.c.slotName} to be active`,
      async () => ((await this.slotRow())?.active ? true : undefined),
      this.log,
    );
    this.setupMs.slotActive = Date.now() - t0;
    this.log(`connector running, slot active: ${JSON.stringify(this.setupMs)}`);
    this.ready = true;
    this.monitor();
  }

  private monitor(): void {
    let n = 0;
    const tick = async () => {
      try {
        const row = await this.slotRow();
        if (row) this.watch.add(row, Date.now());
        if (n++ % Math.max(1, Math.round(1000 / this.c.sampleMs)) === 0)
          this.status = await connectorStatus(this.c.connectUrl, this.c.connectorName);
      } catch (e) {
        this.log(`slot sample failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.timer = setTimeout(() => void tick(), this.c.sampleMs);
    };
    void tick();
  }

  private async slotIds(which: 'restart' | 'confirmed'): Promise<Reply> {
    const row = await this.slotRow();
    if (!row) return { status: 503, body: { error: `no slot ${this.c.slotName}` } };
    this.watch.add(row, Date.now());
    const from = row[which];
    if (from === null) return { status: 503, body: { error: `slot ${this.c.slotName} has no ${which} LSN` } };
    const current = parseLsn(row.current);
    const start = parseLsn(from);
    return {
      status: 200,
      body: {
        ids: kibIds(start, current),
        bytes: Number(current - start),
        active: row.active,
        from,
        current: row.current,
      },
    };
  }

  routes(): Routes {
    return {
      'GET /slot/retained': () => this.slotIds('restart'),
      'GET /slot/unconfirmed': () => this.slotIds('confirmed'),
      'GET /status': () => ({
        status: 200,
        body: {
          connector: this.status,
          running: isRunning(this.status),
          slot: {
            ...this.watch.last,
            peakInactiveBytes: this.watch.peakInactiveBytes,
            heldUntilLsn: this.watch.heldUntilLsn,
            inactiveSamples: this.watch.inactiveSamples,
            released: this.watch.released(),
          },
          setupMs: this.setupMs,
        },
      }),
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
