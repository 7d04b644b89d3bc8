// The checking core: pure checkers over a history plus store snapshots, composed into a verdict.
export { composeChecks, checkSafe, runChecks, mergeValidity, MAX_EXAMPLES_PER_KIND } from './compose';
export { lostWrites, lastSeenIn, type LostWritesOptions, type LastSeen } from './lost-writes';
export { readYourWrites, type ReadYourWritesOptions, type SessionViolation } from './read-your-writes';
export { splitData, type SplitDataOptions, type StoreHolding } from './split-data';
export { storeCounts } from './store-counts';
export { duplicates, type DuplicatesOptions, type DuplicateExample } from './duplicates';
export {
  convergence,
  convergenceOf,
  lastFaultEnd,
  storesEqual,
  type ConvergenceOptions,
  type ConvergenceInfo,
} from './convergence';
export { divergenceSeries, type DivergencePoint } from './divergence-series';
export {
  isGauge,
  rowStores,
  rowSamples,
  gaugeSamples,
  gaugeUnits,
  describeStore,
  type SampleEvent,
} from './store-kinds';
export {
  ackedWrites,
  writesOf,
  okReads,
  type AckedWrite,
  type WriteRecord,
  type ReadRecord,
} from './history-views';
export { idOf, idsOf } from './op-values';
export type { CheckResult, Validity, Verdict } from './verdict';
export { steadyState, storesAnswer, DEFAULT_STEADY_STATE, STEADY_BEFORE } from './steady-state';
