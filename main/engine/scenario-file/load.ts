// Reads and validates an experiment file: YAML or JSON text -> zod -> a ScenarioDefinition.
// Every problem is a ScenarioFileError (a LabError, code SCENARIO_INVALID) naming the file,
// the line and column, the data path and what was expected.
import fs from 'node:fs';
import { LabError } from '../errors';
import { composedExperimentSchema, referenceExperimentSchema, type Experiment } from './schema';
import { parseSource } from './source-map';
import { fromZod, ScenarioFileError } from './issues';
import { composeExperiment, type ComposedScenario } from './compose';

export const MAX_FILE_BYTES = 256 * 1024;

export interface LoadedExperiment extends ComposedScenario {
  file: string;
  experiment: Experiment;
}

/** True when a `run` argument names a file rather than a built-in scenario. */
export function looksLikeScenarioFile(arg: string): boolean {
  if (/\.(ya?ml|json)$/i.test(arg)) return true;
  try {
    return fs.statSync(arg).isFile();
  } catch {
    return false;
  }
}

/** Validates the text of an experiment file (in process, no I/O). Throws ScenarioFileError. */
export function validateScenarioText(text: string, file: string): LoadedExperiment {
  if (Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
    throw new ScenarioFileError([
      {
        file,
        path: '',
        message: `the file is larger than ${MAX_FILE_BYTES / 1024} KiB: not an experiment file`,
      },
    ]);
  }
  if (!text.trim())
    throw new ScenarioFileError([
      {
        file,
        line: 1,
        column: 1,
        path: '',
        message: 'the file is empty: expected an experiment (see examples/)',
      },
    ]);
  const parsed = parseSource(text, file);
  if (!parsed.ok) throw new ScenarioFileError(parsed.issues);
  const { data } = parsed.source;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const pos = parsed.source.locate([]);
    throw new ScenarioFileError([
      {
        file,
        line: pos?.line ?? 1,
        column: pos?.column ?? 1,
        path: '',
        message: `expected a mapping of keys (services, workload, faults, checks… or scenario, params), got ${Array.isArray(data) ? 'a list' : data === null ? 'nothing' : typeof data}`,
      },
    ]);
  }
  const schema = 'scenario' in data ? referenceExperimentSchema : composedExperimentSchema;
  const r = schema.safeParse(data, { reportInput: true });
  if (!r.success) throw new ScenarioFileError(fromZod(r.error, parsed.source, file));
  const composed = composeExperiment(r.data, { file, source: parsed.source });
  return { ...composed, file, experiment: r.data };
}

/** Reads and validates an experiment file. */
export function loadScenarioFile(file: string): LoadedExperiment {
  const shown = file;
  let text: string;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw new LabError('SCENARIO_INVALID', `${shown}: not a file`);
    if (st.size > MAX_FILE_BYTES)
      throw new ScenarioFileError([
        {
          file: shown,
          path: '',
          message: `the file is larger than ${MAX_FILE_BYTES / 1024} KiB: not an experiment file`,
        },
      ]);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof LabError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LabError(
      'SCENARIO_UNKNOWN',
      `${shown}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e)}`,
    );
  }
  return validateScenarioText(text, shown);
}
