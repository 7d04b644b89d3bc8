// For the integration tests of the Kafka scenarios: run a scenario on real containers and,
// before teardown, read every store directly (SQLite files, the PostgreSQL table, the Kafka
// topic itself), bypassing the services' HTTP answers the lab used.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { ContainerAccess, RunResult } from '../../main/engine/runner';
import type { RunEvent } from '../../main/engine/events';
import { readRunLog } from '../../main/engine/run-store';
import { managedFilter } from '../../main/engine/docker/labels';
import { httpJson } from '../../main/engine/workload/http-json';

export interface Direct {
  /** Per instance: ids of its orders table, and of its effects table, in order. */
  sqlite: Record<string, { orders: string[]; effects: string[] }>;
  /** Ids of the PostgreSQL orders table, in order. */
  pg?: string[];
  /** The topic as a consumer reads it now: one entry per record. */
  topic?: { partition: number; offset: string; id: string }[];
  /** What each instance said about the topic when it started. */
  info: Record<string, unknown>;
}

export interface Ran {
  r: RunResult;
  direct: Direct;
  events: RunEvent[];
  wallMs: number;
}

const SQLITE_DUMP =
  "const s=require('sqlite3');const db=new s.Database('/data/sync.db');const q=(t)=>new Promise((ok,no)=>db.all('select id from '+t+' order by seq',(e,r)=>e?no(e):ok(r.map(x=>x.id))));" +
  "Promise.all([q('orders'),q('effects')]).then(([orders,effects])=>console.log(JSON.stringify({orders,effects})),(e)=>{console.error(e.message);process.exit(1)})";

async function execJson<T>(access: ContainerAccess, name: string, cmd: string[]): Promise<T> {
  const out = await access.exec(name, cmd);
  if (out.exitCode !== 0)
    throw new Error(`${name}: ${cmd.join(' ')} exited ${out.exitCode}: ${out.text.slice(-500)}`);
  return JSON.parse(out.text.trim().split('\n').pop()!) as T;
}

/** Every record of the topic, read by Kafka's own console consumer inside a broker. */
export async function readTopic(
  access: ContainerAccess,
  broker: string,
  topic = 'orders',
): Promise<Direct['topic']> {
  const out = await access.exec(broker, [
    'kafka-console-consumer',
    '--bootstrap-server',
    'localhost:9092',
    '--topic',
    topic,
    '--from-beginning',
    '--timeout-ms',
    '10000',
    '--property',
    'print.partition=true',
    '--property',
    'print.offset=true',
  ]);
  const records: { partition: number; offset: string; id: string }[] = [];
  for (const line of out.text.split('\n')) {
    const m = /^Partition:(\d+)\s+Offset:(\d+)\s+(\{.*\})\s*$/.exec(line.trim());
    if (m)
      records.push({ partition: Number(m[1]), offset: m[2], id: (JSON.parse(m[3]) as { id: string }).id });
  }
  return records;
}

export interface GroupOffsets {
  /** Sums over the group's partitions, as kafka-consumer-groups prints them. */
  current: number;
  logEnd: number;
  lag: number;
  partitions: number;
}

/**
 * Each group's offsets and lag as Kafka's own kafka-consumer-groups --describe reports them,
 * run inside a broker. A partition whose LAG is "-" (nothing committed) is an error here.
 */
export async function describeGroups(
  access: ContainerAccess,
  broker: string,
  groups: string[],
): Promise<Record<string, GroupOffsets>> {
  const cmd = ['kafka-consumer-groups', '--bootstrap-server', 'localhost:9092', '--describe'];
  for (const g of groups) cmd.push('--group', g);
  const out = await access.exec(broker, cmd);
  if (out.exitCode !== 0)
    throw new Error(`kafka-consumer-groups exited ${out.exitCode}: ${out.text.slice(-500)}`);
  const res: Record<string, GroupOffsets> = {};
  for (const line of out.text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 6 || !groups.includes(f[0]) || !/^\d+$/.test(f[2])) continue;
    const [current, logEnd, lag] = [f[3], f[4], f[5]].map(Number);
    if (![current, logEnd, lag].every(Number.isFinite)) throw new Error(`no committed offset: ${line}`);
    const g = (res[f[0]] ??= { current: 0, logEnd: 0, lag: 0, partitions: 0 });
    g.current += current;
    g.logEnd += logEnd;
    g.lag += lag;
    g.partitions++;
  }
  return res;
}

export async function readSqlite(access: ContainerAccess, names: string[]): Promise<Direct['sqlite']> {
  const out: Direct['sqlite'] = {};
  for (const n of names) out[n] = await execJson(access, n, ['node', '-e', SQLITE_DUMP]);
  return out;
}

export async function readPg(access: ContainerAccess): Promise<string[]> {
  const out = await access.exec('postgres', [
    'psql',
    '-X',
    '-tA',
    '-U',
    'lab',
    '-d',
    'lab',
    '-c',
    'select id from orders order by seq',
  ]);
  if (out.exitCode !== 0) throw new Error(`psql: ${out.text}`);
  return out.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

export async function readInfo(access: ContainerAccess, names: string[]): Promise<Record<string, unknown>> {
  const info: Record<string, unknown> = {};
  for (const n of names) {
    const r = await httpJson(access.endpoint(n, 8080), 'GET', '/info', undefined, 5000);
    info[n] = (r.body as { info: unknown }).info;
  }
  return info;
}

export class KafkaLab {
  lab!: Lab;
  private root = '';

  async init(prefix: string): Promise<void> {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `chaoslab-${prefix}-`));
    this.lab = new Lab({ runsDir: this.root });
    await this.lab.init();
  }

  async close(): Promise<void> {
    await this.lab.close();
  }

  /** Runs a scenario; `read` sees the containers before teardown. */
  async run(
    scenario: string,
    params: Record<string, string>,
    read: (a: ContainerAccess, d: Direct) => Promise<void>,
  ): Promise<Ran> {
    const direct: Direct = { sqlite: {}, info: {} };
    const t0 = Date.now();
    const run = this.lab.startRun(scenario, params, { beforeTeardown: (access) => read(access, direct) });
    const r = await run.done;
    return { r, direct, events: readRunLog(r.dir).events, wallMs: Date.now() - t0 };
  }

  async leftovers(runId: string): Promise<number> {
    return (await this.lab.docker.listContainers({ all: true, filters: managedFilter(runId) })).length;
  }
}

/** "kafka-1 ready in 5123 ms" lines of a run: readiness per container (the last start wins). */
export function readiness(events: readonly RunEvent[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const e of events) {
    if (e.type !== 'log') continue;
    const m = /^(\S+) ready in (\d+) ms$/.exec(e.message);
    if (m) (out[m[1]] ??= []).push(Number(m[2]));
  }
  return out;
}

/** Phase durations of a run, in ms. */
export function phases(events: readonly RunEvent[]): Record<string, number> {
  const ph = events.filter((e): e is Extract<RunEvent, { type: 'phase' }> => e.type === 'phase');
  const out: Record<string, number> = {};
  ph.forEach((p, i) => {
    const next = ph[i + 1]?.t ?? events[events.length - 1].t;
    out[p.phase] = (out[p.phase] ?? 0) + next - p.t;
  });
  return out;
}

/** Appends one timing record to test-artifacts/<file> (for the closing note). */
export function recordTiming(file: string, entry: Record<string, unknown>): void {
  const dir = path.resolve(process.cwd(), 'test-artifacts');
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, file), JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n');
}

/** Counts copies of each id beyond the first. */
export function extraCopies(ids: readonly string[]): number {
  return ids.length - new Set(ids).size;
}
