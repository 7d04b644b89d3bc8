// composition-vs-cqrs on real containers (PostgreSQL, Kafka, product, details): the product
// service killed and started again; composition fails while it is down, the read model keeps
// answering with its staleness in seconds. The lab's numbers are compared with the run's
// own fault events and with SQL in the details database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lab } from '../../main/engine/lab';
import type { CheckResult } from '../../main/engine/checks';
import { managedFilter, NAME_LABEL, RUN_LABEL } from '../../main/engine/docker/labels';
import { PROXY_PORT, TOXIPROXY } from './names';
import { sql } from '../shared-saga/direct-queries';

let lab: Lab;

beforeAll(async () => {
  lab = new Lab({ runsDir: fs.mkdtempSync(path.join(os.tmpdir(), 'chaoslab-cqrs-')) });
  await lab.init();
});

afterAll(async () => {
  await lab.close();
});

interface Side {
  reads: number;
  errors: number;
  p50LatencyMs: number | null;
}

describe('composition-vs-cqrs on real containers', () => {
  it('product service killed: composition errors while it is down, the read model answers with staleness in seconds', async () => {
    let view: string[][] = [];
    let catalog: string[][] = [];
    const started = Date.now();
    const r = await lab.startRun(
      'composition-vs-cqrs',
      {},
      {
        beforeTeardown: async (a) => {
          view = await sql(a, 'details', 'SELECT id, price, version FROM product_view ORDER BY id');
          catalog = await sql(a, 'product', 'SELECT id, price, version FROM catalog ORDER BY id');
        },
      },
    ).done;
    const ms = Date.now() - started;
    const c = r.verdict?.checks.find((x) => x.name === 'composition-vs-cqrs') as CheckResult;
    console.log(
      `composition-vs-cqrs {}: ${r.status}, valid ${String(r.verdict?.valid)}, ${ms} ms: ${c?.summary}`,
    );
    expect(r.status, JSON.stringify(r.report)).toBe('completed');
    expect((await lab.docker.listContainers({ all: true, filters: managedFilter(r.runId) })).length).toBe(0);

    const s = c.stats as {
      outages: { from: number; to: number | null }[];
      composition: { down: Side; up: Side };
      readModel: { down: Side; up: Side };
      maxStalenessDownS: number;
      maxStalenessUpS: number;
      maxStalenessBeforeFaultS: number;
      stalenessSamples: { t: number; s: number }[];
    };
    // The product service was killed and started again by the lab.
    expect(s.outages).toHaveLength(1);
    expect(s.outages[0].to).not.toBeNull();
    // Composition: errors while it was down, and the anomaly counts them all.
    expect(s.composition.down.reads).toBeGreaterThan(5);
    expect(s.composition.down.errors).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['composition-error']).toBeGreaterThan(0);
    expect(r.report.verdict.anomalies['composition-error']).toBe(
      s.composition.down.errors + s.composition.up.errors,
    );
    // The read model answered every read, staleness reported in seconds, larger while down.
    expect(r.report.verdict.anomalies['read-model-unavailable']).toBe(0);
    expect(s.readModel.down.reads).toBeGreaterThan(5);
    expect(s.readModel.down.errors).toBe(0);
    expect(s.stalenessSamples.length).toBeGreaterThan(20);
    expect(s.maxStalenessDownS).toBeGreaterThanOrEqual(2);
    expect(s.maxStalenessBeforeFaultS).toBeLessThan(2);
    expect(s.maxStalenessDownS).toBeGreaterThan(s.maxStalenessBeforeFaultS);
    // Composition answered every read before the fault.
    expect(s.composition.up.reads).toBeGreaterThan(5);
    // As expected for this fault: invalid because of composition errors only.
    expect(r.report.verdict.valid).toBe(false);
    // SQL: the read model holds every product, never ahead of the product service.
    expect(view.map((x) => x[0])).toEqual(catalog.map((x) => x[0]));
    for (const [id, , v] of view) {
      const cv = catalog.find((x) => x[0] === id)![2];
      expect(Number(v)).toBeLessThanOrEqual(Number(cv));
    }
  });
});

/** The run's Toxiproxy, reached directly (not through the lab): its API and its product proxy. */
async function toxiproxyPorts(runId: string): Promise<{ api: number; proxy: number }> {
  const [c] = await lab.docker.listContainers({
    filters: { label: [`${RUN_LABEL}=${runId}`, `${NAME_LABEL}=${TOXIPROXY}`] },
  });
  const port = (p: number) => c.Ports.find((x) => x.PrivatePort === p && x.PublicPort)!.PublicPort;
  return { api: port(8474), proxy: port(PROXY_PORT) };
}

async function timedGet(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  await res.text();
  return performance.now() - t0;
}

describe('composition-vs-cqrs: the product service made slow through Toxiproxy', () => {
  for (const { latencyMs, failing } of [
    { latencyMs: 400, failing: false },
    { latencyMs: 1500, failing: true },
  ]) {
    it(`latency ${latencyMs} ms against a call timeout of 1000 ms: composition ${failing ? 'times out' : 'slows down'}, the read model does not`, async () => {
      let during: { toxics: unknown[]; directMs: number; baselineMs: number } | undefined;
      let after: unknown[] | undefined;
      let probe: Promise<void> | undefined;
      let runId = '';
      const r = await lab.startRun(
        'composition-vs-cqrs',
        { fault: 'slow-product', latencyMs, callTimeoutMs: 1000, runMs: 10000, killAtMs: 3000, downMs: 4000 },
        {
          onEvent: (e) => {
            if (e.type === 'meta') runId = e.runId;
            if (e.type === 'fault' && e.request.kind === 'latency' && e.state === 'applied')
              probe = (async () => {
                const p = await toxiproxyPorts(runId);
                const toxics = (await (
                  await fetch(`http://127.0.0.1:${p.api}/proxies/product/toxics`)
                ).json()) as unknown[];
                const directMs = await timedGet(`http://127.0.0.1:${p.proxy}/health`);
                during = { toxics, directMs, baselineMs: 0 };
              })();
          },
          beforeTeardown: async (a) => {
            const api = a.endpoint(TOXIPROXY, 8474);
            after = (await (
              await fetch(`http://${api.host}:${api.port}/proxies/product/toxics`)
            ).json()) as unknown[];
            const proxy = a.endpoint(TOXIPROXY, PROXY_PORT);
            during!.baselineMs = await timedGet(`http://${proxy.host}:${proxy.port}/health`);
          },
        },
      ).done;
      await probe;
      const c = r.verdict?.checks.find((x) => x.name === 'composition-vs-cqrs') as CheckResult;
      console.log(
        `composition-vs-cqrs slow ${latencyMs} ms: ${r.status}, valid ${String(r.verdict?.valid)}: ${c?.summary}; direct through the proxy ${Math.round(during?.directMs ?? -1)} ms while slow, ${Math.round(during?.baselineMs ?? -1)} ms after`,
      );
      // The composed reads around the slow window, from run.jsonl (what a failure here needs).
      const ops = fs
        .readFileSync(path.join(lab.runsDir, runId, 'run.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.includes('"composed"'))
        .map((l) => JSON.parse(l) as { t: number; op: { type: string; process: number; value: unknown } });
      const w = (c?.stats as { outages?: { from: number; to: number | null }[] })?.outages?.[0];
      if (w)
        console.log(
          `slow window ${w.from}-${w.to}: ` +
            ops
              .filter((o) => o.t >= w.from - 1100 && o.t <= (w.to ?? Infinity) + 20)
              .map((o) => `${o.t} p${o.op.process} ${o.op.type}`)
              .join(', '),
        );
      expect(r.status, JSON.stringify(r.report)).toBe('completed');
      const s = c.stats as {
        fault: string;
        outages: { from: number; to: number | null }[];
        composition: { down: Side; up: Side };
        readModel: { down: Side; up: Side };
      };
      // What Toxiproxy itself held: the latency toxic while the fault was in force, none after.
      expect(during!.toxics).toEqual([
        expect.objectContaining({
          type: 'latency',
          attributes: expect.objectContaining({ latency: latencyMs }),
        }),
      ]);
      expect(after).toEqual([]);
      // A request through the proxy, timed by the test, took the latency; after the heal it did not.
      expect(during!.directMs).toBeGreaterThanOrEqual(latencyMs);
      expect(during!.baselineMs).toBeLessThan(latencyMs);
      // The lab saw one slow window, healed by the lab.
      expect(s.fault).toBe('slow');
      expect(s.outages).toHaveLength(1);
      expect(s.outages[0].to).not.toBeNull();
      // One composition reader waits for each answer before the next read (a Jepsen process):
      // while every answer takes a second it makes about one read a second.
      expect(s.composition.down.reads).toBeGreaterThanOrEqual(failing ? 2 : 5);
      // The read model never goes through the proxy: no failure, no slowdown.
      expect(s.readModel.down.errors).toBe(0);
      expect(r.report.verdict.anomalies['read-model-unavailable']).toBe(0);
      expect(s.readModel.down.p50LatencyMs!).toBeLessThan(Math.min(latencyMs, 300));
      if (failing) {
        // Every composed read made while slow waited for the 1000 ms timeout and failed (but the
        // last one, which may have been answered once the heal let its response through).
        expect(s.composition.down.errors).toBeGreaterThanOrEqual(Math.max(1, s.composition.down.reads - 1));
        expect(s.composition.down.p50LatencyMs!).toBeGreaterThanOrEqual(1000);
        expect(r.report.verdict.valid).toBe(false);
        expect(r.report.verdict.anomalies['composition-error']).toBeGreaterThanOrEqual(
          s.composition.down.errors,
        );
      } else {
        // Slow but answered: the composed reads took the latency, none failed.
        expect(s.composition.down.errors).toBe(0);
        expect(s.composition.down.p50LatencyMs!).toBeGreaterThanOrEqual(latencyMs);
        expect(s.composition.up.p50LatencyMs!).toBeLessThan(latencyMs);
        expect(r.report.verdict.valid).toBe(true);
      }
    });
  }
});

describe('composition-vs-cqrs: reset, timeout and bandwidth through the same proxy, injected as a user would', () => {
  it('each network fault is in Toxiproxy while in force and does what it says to a request through the proxy', async () => {
    type Seen = { kind: string; toxics: { type: string }[]; outcome: string; ms: number };
    const seen: Seen[] = [];
    let runId = '';
    const run = lab.startRun(
      'composition-vs-cqrs',
      { fault: 'none', runMs: 9000 },
      {
        onEvent: (e) => {
          if (e.type === 'meta') runId = e.runId;
        },
      },
    );
    // A request through the proxy, straight from the test: what came back, and how long it took.
    const through = async (url: string): Promise<{ outcome: string; ms: number }> => {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
        const body = await res.text();
        return { outcome: `${res.status} ${body.length} B`, ms: performance.now() - t0 };
      } catch (e) {
        const err = e as Error & { cause?: { code?: string } };
        return {
          outcome: err.name === 'TimeoutError' ? 'timeout' : (err.cause?.code ?? err.message),
          ms: performance.now() - t0,
        };
      }
    };
    // Wait for the workload, then inject, probe and heal each kind in turn.
    for (let i = 0; i < 600 && !run.events.some((e) => e.type === 'phase' && e.phase === 'running'); i++)
      await new Promise((r) => setTimeout(r, 100));
    const p = await toxiproxyPorts(runId);
    const url = `http://127.0.0.1:${p.proxy}/live`;
    const baseline = await through(url);
    for (const fault of [
      { kind: 'reset' as const, afterMs: 0 },
      { kind: 'timeout' as const, afterMs: 0 },
      { kind: 'bandwidth' as const, rateKBps: 1 },
    ]) {
      await run.inject({ target: 'product', ...fault }, 'user');
      const toxics = (await (await fetch(`http://127.0.0.1:${p.api}/proxies/product/toxics`)).json()) as {
        type: string;
      }[];
      seen.push({ kind: fault.kind, toxics, ...(await through(url)) });
      await run.inject({ kind: 'heal', target: 'product' }, 'user');
    }
    const after = (await (
      await fetch(`http://127.0.0.1:${p.api}/proxies/product/toxics`)
    ).json()) as unknown[];
    const r = await run.done;
    console.log(
      `network faults through the proxy: baseline ${baseline.outcome} in ${Math.round(baseline.ms)} ms; ${seen.map((s) => `${s.kind}: ${s.outcome} in ${Math.round(s.ms)} ms`).join('; ')}`,
    );
    expect(r.status, JSON.stringify(r.report)).toBe('completed');
    expect(baseline.outcome).toMatch(/^200 /);
    const size = Number(/^200 (\d+) B/.exec(baseline.outcome)![1]);
    const [reset, timeout, bandwidth] = seen;
    expect(reset.toxics.map((t) => t.type)).toEqual(['reset_peer']);
    expect(reset.outcome).not.toMatch(/^200 |timeout/); // the connection was reset
    expect(timeout.toxics.map((t) => t.type)).toEqual(['timeout']);
    expect(timeout.outcome).toBe('timeout'); // nothing came back in 1.5 s
    expect(bandwidth.toxics.map((t) => t.type)).toEqual(['bandwidth']);
    expect(bandwidth.outcome).toMatch(/^200 /);
    // At 1 KB/s the answer (about 150 B of headers and the body) takes at least ~150 ms to trickle
    // through; without the toxic it took a few ms.
    expect(bandwidth.ms).toBeGreaterThan(((150 + size) / 1024) * 1000 * 0.9);
    expect(after).toEqual([]);
    // The run's log holds each of them applied by the user and healed.
    const applied = run.events.filter(
      (e) => e.type === 'fault' && e.state === 'applied' && e.source === 'user',
    );
    expect(applied.map((e) => (e.type === 'fault' ? e.request.kind : ''))).toEqual([
      'reset',
      'heal',
      'timeout',
      'heal',
      'bandwidth',
      'heal',
    ]);
  });
});
