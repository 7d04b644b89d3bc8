// A generated split-stores history at scale: many user sessions (each places up to
// ORDERS_PER_SESSION orders and lists its orders every READ_EVERY orders), SESSIONS_ACTIVE
// at a time, through a round-robin balancer over two instances with in-memory stores; one
// instance is killed (losing its store) and restarted at 40% of the run. Probes sample both
// stores at 4 Hz (row counts: see BENCHMARKS.md for why not id lists). Pure and seeded.
import type { Op } from '../../main/engine/history';
import type { RunEvent, StoreSnapshot } from '../../main/engine/events';

export const ORDERS_PER_SESSION = 50;
export const READ_EVERY = 5;
export const SESSIONS_ACTIVE = 16;
const STORES = ['order-1', 'order-2'];
const SAMPLE_MS = 250;

export interface GeneratedRun {
  history: Op[];
  events: RunEvent[];
  finalStores: StoreSnapshot[];
  reads: number;
  sessions: number;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Session {
  user: string;
  placed: number;
  inFlight: Op | null;
  /** Next op: 'add' until READ_EVERY adds, then one 'list'. */
  sinceRead: number;
}

export function generateRun(n: number, seed = 1): GeneratedRun {
  const rand = rng(seed);
  const history: Op[] = [];
  const events: RunEvent[] = [];
  const stores = STORES.map(() => new Map<string, Set<string>>());
  const sizes = STORES.map(() => 0);
  const down = STORES.map(() => false);
  const killAt = Math.floor(n * 0.4);
  const startAt = Math.floor(n * 0.45);
  let rr = 0;
  let t = 0;
  let nextSample = 0;
  let orderSeq = 0;
  let sessions = 0;
  let reads = 0;
  const active: Session[] = [];
  const newSession = (): Session => ({ user: `u${++sessions}`, placed: 0, inFlight: null, sinceRead: 0 });
  for (let i = 0; i < SESSIONS_ACTIVE; i++) active.push(newSession());
  const pick = (): number => {
    const up = STORES.map((_, i) => i).filter((i) => !down[i]);
    return up[rr++ % up.length];
  };
  const record = (op: Op) => {
    op.index = history.length;
    history.push(op);
    events.push({ type: 'op', t: op.time, op });
  };
  const fault = (kind: 'kill' | 'start', state: 'requested' | 'applied', id: string) =>
    events.push({ type: 'fault', t, id, request: { kind, target: 'order-2' }, source: 'lab', state });

  while (history.length < n) {
    t += Math.floor(rand() * 10);
    while (nextSample <= t) {
      for (let s = 0; s < STORES.length; s++)
        events.push({
          type: 'sample',
          t: nextSample,
          probe: 'rows',
          store: STORES[s],
          rows: down[s] ? null : sizes[s],
        });
      nextSample += SAMPLE_MS;
    }
    if (history.length === killAt) {
      fault('kill', 'requested', 'f1');
      down[1] = true;
      stores[1].clear();
      sizes[1] = 0;
      fault('kill', 'applied', 'f1');
    } else if (history.length === startAt) {
      fault('start', 'requested', 'f2');
      down[1] = false;
      fault('start', 'applied', 'f2');
    }
    const k = Math.floor(rand() * active.length);
    const s = active[k];
    if (!s.inFlight) {
      if (s.placed >= ORDERS_PER_SESSION && s.sinceRead === 0) {
        active[k] = newSession();
        continue;
      }
      const list = s.sinceRead >= READ_EVERY || s.placed >= ORDERS_PER_SESSION;
      const value = list ? undefined : { id: `o${++orderSeq}`, user: s.user };
      s.inFlight = { process: s.user, type: 'invoke', f: list ? 'list' : 'add', value, time: t };
      record(s.inFlight);
      continue;
    }
    const inv = s.inFlight;
    s.inFlight = null;
    const node = STORES[pick()];
    const store = stores[STORES.indexOf(node)];
    if (inv.f === 'list') {
      s.sinceRead = 0;
      reads++;
      const ids = [...(store.get(s.user) ?? [])];
      record({ process: s.user, type: 'ok', f: 'list', value: { ids, node }, time: t, node });
      continue;
    }
    s.placed++;
    s.sinceRead++;
    const id = (inv.value as { id: string }).id;
    const r = rand();
    const type = r < 0.98 ? 'ok' : r < 0.99 ? 'fail' : 'info';
    if (type === 'ok' || (type === 'info' && rand() < 0.5)) {
      const set = store.get(s.user) ?? new Set<string>();
      set.add(id);
      store.set(s.user, set);
      sizes[STORES.indexOf(node)]++;
    }
    record({
      process: s.user,
      type,
      f: 'add',
      value: type === 'ok' ? { id, node } : inv.value,
      time: t,
      node,
      error: type === 'ok' ? undefined : 'HTTP 503',
    });
  }
  const finalStores: StoreSnapshot[] = stores.map((m, i) => {
    const ids = [...m.values()].flatMap((set) => [...set]);
    return { name: STORES[i], rows: ids.length, ids, available: true };
  });
  return { history, events, finalStores, reads, sessions };
}
