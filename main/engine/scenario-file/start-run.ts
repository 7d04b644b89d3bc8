// Starts a run of any ScenarioDefinition (a built-in or one composed from a file) on a lab,
// as Lab.startRun does for a built-in id.
import path from 'node:path';
import type { Lab, StartOptions } from '../lab';
import type { ScenarioDefinition } from '../scenario';
import { Run, newRunId } from '../runner';
import { resolveParams } from '../params';
import { engineAddress } from '../docker/connection';

export function startScenarioRun(
  lab: Lab,
  scenario: ScenarioDefinition,
  rawParams: Record<string, unknown>,
  o: StartOptions = {},
): Run {
  const params = resolveParams(scenario.id, scenario.knobs, rawParams);
  const runId = newRunId(scenario.id);
  const outDir = path.resolve(o.outDir ?? path.join(lab.runsDir, runId));
  return new Run(
    { docker: lab.docker, owner: lab.owner, publishHost: engineAddress().publishHost },
    {
      scenario,
      params,
      seed: o.seed,
      outDir,
      runId,
      extraFaults: o.extraFaults,
      beforeTeardown: o.beforeTeardown,
      onEvent: o.onEvent,
      onImageProgress: o.onImageProgress,
    },
  );
}
