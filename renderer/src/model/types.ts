// The contract's and engine's types the renderer uses (types only: nothing of main runs here).
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
