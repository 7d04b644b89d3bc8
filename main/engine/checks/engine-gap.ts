// Gaps in the lab's view of the Docker engine (its event stream broke: dockerd restarted or
// went away). What happened to the containers during a gap was not observed, so no checker
// can vouch for the run: the verdict becomes 'unknown', never true or false.
import type { RunEvent } from '../events';
import type { Verdict } from './verdict';

/** Log lines that mark a gap start with this prefix (see Run's event-stream handlers). */
export const ENGINE_GAP = 'engine-gap';

/** How many times the run lost the engine's event stream, read from its log events. */
export function engineGapsOf(events: readonly RunEvent[]): number {
  return events.filter((e) => e.type === 'log' && e.message.startsWith(`${ENGINE_GAP}: lost`)).length;
}

/** The verdict once engine gaps are taken into account: unchanged without gaps. */
export function withEngineGaps(verdict: Verdict, gaps: number): Verdict {
  if (gaps <= 0) return verdict;
  const summary = `the Docker engine's event stream was lost ${gaps} time(s): the run was not fully observed, so its verdict is unknown`;
  return {
    valid: 'unknown',
    anomalies: { ...verdict.anomalies, [ENGINE_GAP]: gaps },
    examples: { ...verdict.examples, [ENGINE_GAP]: [summary] },
    checks: [
      ...verdict.checks,
      {
        name: ENGINE_GAP,
        valid: 'unknown',
        summary,
        anomalies: { [ENGINE_GAP]: gaps },
        examples: {},
        stats: { gaps, verdictBefore: verdict.valid },
      },
    ],
  };
}
