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
import { managedFilter } from '../../main/engine/docker/labels';
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
