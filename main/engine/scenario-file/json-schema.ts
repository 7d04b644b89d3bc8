// The JSON Schema of experiment files, generated from the zod schemas the loader uses.
// scenarios/schema/experiment.schema.json is this, written by scenarios/schema/generate.ts
// (formatted by Prettier; a test fails when the file and the schemas drift apart).
import { z } from 'zod';
import { experimentSchema } from './schema';

export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(experimentSchema, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
}
