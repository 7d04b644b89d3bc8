// The one typed contract shared by Electron IPC and the WebSocket bridge.
// Types only (plus the channel name list); no logic, imports nothing but types.
import type { RunEvent, FaultRequest, RunStatus } from '../engine/events';
import type { Bilingual, Explanation, KnobSpec, KnobValue } from '../engine/scenario';
import type { Verdict } from '../engine/checks/verdict';
import type { ErrorValue } from '../engine/errors';

export type { RunEvent, FaultRequest, RunStatus, Bilingual, Explanation, KnobSpec, KnobValue, Verdict, ErrorValue };

export interface EngineStatus {
  reachable: boolean;
  /** DOCKER_HOST or the default socket. */
  address: string;
  version?: string;
  apiVersion?: string;
  /** When unreachable: one line naming the fix. */
  hint?: string;
  images: { name: string; tag: string; present: boolean }[];
  leftovers: number;
}

export interface ScenarioSummary {
  id: string;
  pack: number;
  title: Bilingual;
  summary: Bilingual;
  explanation: { en: Explanation; ko: Explanation };
  knobs: KnobSpec[];
  seeds: string[];
}

export interface RunSummary {
  runId: string;
  scenario: string;
  params: Record<string, KnobValue>;
  startedAt: string;
  endedAt?: string;
  status: RunStatus | 'running';
  valid?: true | false | 'unknown';
  dir: string;
}

export interface ImageProgress {
  name: string;
  tag: string;
  state: 'queued' | 'preparing' | 'building' | 'done' | 'cached' | 'failed';
  /** 0..1 */
  progress: number;
  step?: string;
  error?: string;
}

export type ExportFormat = 'html' | 'json' | 'csv' | 'pdf';

/** Request/response pairs, keyed `area:verb`. */
export interface Channels {
  'engine:status': { req: Record<string, never>; res: EngineStatus };
  'scenarios:list': { req: Record<string, never>; res: ScenarioSummary[] };
  'images:build': { req: { names?: string[] }; res: { started: true } };
  'runs:start': { req: { scenario: string; params: Record<string, KnobValue> }; res: { runId: string } };
  'runs:fault': { req: { runId: string; fault: FaultRequest }; res: { faultId: string } };
  'runs:control': { req: { runId: string; paused?: boolean; rate?: number }; res: { paused: boolean; rate: number } };
  'runs:stop': { req: { runId: string }; res: { stopped: true } };
  'runs:list': { req: Record<string, never>; res: RunSummary[] };
  'runs:get': { req: { runId: string }; res: { summary: RunSummary; events: RunEvent[]; report: unknown | null } };
  'runs:export': { req: { runId: string; format: ExportFormat }; res: { fileName: string; mime: string; base64: string } };
  'containers:logs': { req: { runId: string; name: string; tail?: number }; res: { lines: string[] } };
}

/** Events pushed from main to the renderer. */
export interface Events {
  /** seq: the event's index in the run's log (line number of run.jsonl, from 0), so a
   * view that loaded runs:get's events can append live ones without gaps or repeats. */
  'run:event': { runId: string; event: RunEvent; seq?: number };
  'images:progress': ImageProgress;
  'engine:changed': EngineStatus;
}

export type ChannelName = keyof Channels;
export type EventName = keyof Events;
export type Req<K extends ChannelName> = Channels[K]['req'];
export type Res<K extends ChannelName> = Channels[K]['res'];
export type Result<K extends ChannelName> = { ok: Res<K> } | ErrorValue;

export const CHANNELS = [
  'engine:status',
  'scenarios:list',
  'images:build',
  'runs:start',
  'runs:fault',
  'runs:control',
  'runs:stop',
  'runs:list',
  'runs:get',
  'runs:export',
  'containers:logs',
] as const satisfies readonly ChannelName[];

/** What the preload exposes as window.lab, and what the WebSocket client implements. */
export interface LabApi {
  invoke<K extends ChannelName>(channel: K, req: Req<K>): Promise<Result<K>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
