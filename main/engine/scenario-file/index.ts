// Experiment files: YAML/JSON experiments composed of the lab's building blocks.
export {
  loadScenarioFile,
  validateScenarioText,
  looksLikeScenarioFile,
  MAX_FILE_BYTES,
  type LoadedExperiment,
} from './load';
export { ScenarioFileError, formatIssue, formatIssues, type FileIssue } from './issues';
export {
  experimentSchema,
  composedExperimentSchema,
  referenceExperimentSchema,
  type Experiment,
} from './schema';
export { experimentJsonSchema } from './json-schema';
export { startScenarioRun } from './start-run';
export { STEADY_STATE_F } from './steady-state';
