// Writes scenarios/schema/experiment.schema.json from the zod schemas the loader uses,
// formatted as Prettier formats it (so `npm run format` leaves it alone).
//   npx tsx scenarios/schema/generate.ts          (write)
//   npx tsx scenarios/schema/generate.ts --check  (exit 1 when the file is out of date)
// experiment-schema.test.ts fails when the file and the schemas drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { experimentJsonSchema } from '../../main/engine/scenario-file/json-schema';

export const SCHEMA_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'experiment.schema.json');

/** The file's expected content. */
export async function schemaText(): Promise<string> {
  const options = (await prettier.resolveConfig(SCHEMA_FILE)) ?? {};
  return prettier.format(JSON.stringify(experimentJsonSchema()), {
    ...options,
    parser: 'json',
    filepath: SCHEMA_FILE,
  });
}

async function main(): Promise<void> {
  const text = await schemaText();
  const current = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (current !== text) {
      process.stderr.write(`${SCHEMA_FILE} is out of date: run npx tsx scenarios/schema/generate.ts\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (current !== text) fs.writeFileSync(SCHEMA_FILE, text);
  process.stdout.write(
    `${path.relative(process.cwd(), SCHEMA_FILE)} ${current === text ? 'unchanged' : 'written'}\n`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
