// The JSON Schema shipped for editors is generated from the loader's zod schemas: the file
// on disk must be exactly what the schemas generate today.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { SCHEMA_FILE, schemaText } from './generate';
import { experimentJsonSchema } from '../../main/engine/scenario-file/json-schema';
import { FAULT_KINDS, CHECK_NAMES } from '../../main/engine/scenario-file/schema';

type Obj = Record<string, unknown>;

describe('experiment.schema.json', () => {
  it('is in sync with the zod schemas (regenerate: npx tsx scenarios/schema/generate.ts)', async () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(await schemaText());
  });

  it('describes both forms, closed to unknown keys, with the fault kinds and check names', () => {
    const s = experimentJsonSchema() as Obj;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const [composed, reference] = s.anyOf as Obj[];
    const cp = composed.properties as Obj;
    expect(composed.additionalProperties).toBe(false);
    expect(composed.required).toEqual(
      expect.arrayContaining(['services', 'loadBalancer', 'workload', 'checks']),
    );
    const fault = ((cp.faults as Obj).items as Obj).properties as Obj;
    expect((fault.kind as Obj).enum).toEqual([...FAULT_KINDS]);
    expect((fault.at as Obj).maximum).toBe(3_600_000);
    const check = (cp.checks as Obj).items as Obj;
    expect(((check.anyOf as Obj[])[0] as Obj).enum).toEqual([...CHECK_NAMES]);
    expect(reference.required).toEqual(['scenario']);
    // Ids are checked against the catalog by the loader: adding a scenario leaves the schema alone.
    expect(((reference.properties as Obj).scenario as Obj).type).toBe('string');
  });
});
