// The contract's and engine's types the renderer uses; of values, only the pure constants of
// engine/events.ts (which imports nothing but types), so no code of main with side effects runs here.
export { FAULT_HEALS, FAULT_OPENS, NETWORK_FAULT_KINDS } from '../../../main/engine/events';
export type {
  RunEvent,
  RunPhase,
  RunStatus,
  FaultKind,
  FaultSource,
  FaultRequest,
  TopologyLink,
  TopologyNode,
} from '../../../main/engine/events';
export type { Verdict, CheckResult, Validity } from '../../../main/engine/checks/verdict';
export type {
  ChannelName,
  EngineStatus,
  Events,
  ExportFormat,
  ImageProgress,
  KnobSpec,
  KnobValue,
  RunSummary,
  ScenarioSummary,
  Explanation,
  Bilingual,
} from '../../../main/contract/channels';
