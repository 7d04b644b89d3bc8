// chaoslab validate FILE...: each file checked as `run` would, without touching Docker.
import {
  loadScenarioFile,
  ScenarioFileError,
  formatIssues,
  type FileIssue,
} from '../../engine/scenario-file';
import { LabError } from '../../engine/errors';
import type { Output } from '../output';

export interface FileVerdict {
  file: string;
  valid: boolean;
  /** The file could not be read at all. */
  unreadable?: boolean;
  scenario?: string;
  summary?: string;
  issues: FileIssue[];
}

export function validateFile(file: string): FileVerdict {
  try {
    const l = loadScenarioFile(file);
    const plan = l.definition.plan(l.params, l.seed ?? 1);
    const checks = plan.checks.map((c) => c.name).join(', ');
    return {
      file: l.file,
      valid: true,
      scenario: l.definition.id,
      summary: `${plan.containers.length} containers, ${plan.schedule.length} steps, checks: ${checks}`,
      issues: [],
    };
  } catch (e) {
    if (e instanceof ScenarioFileError) return { file, valid: false, issues: e.issues };
    if (e instanceof LabError)
      return { file, valid: false, unreadable: true, issues: [{ file, path: '', message: e.message }] };
    throw e;
  }
}

export function cmdValidate(out: Output, files: string[]): number {
  const verdicts = files.map(validateFile);
  for (const v of verdicts) {
    out.data({ type: 'file', ...v });
    if (out.json) continue;
    if (v.valid) out.result(`ok       ${v.file}: ${v.scenario} (${v.summary})`);
    else if (v.unreadable) out.error(v.issues[0].message);
    else {
      out.result(
        `invalid  ${v.file}: ${v.issues.length} problem${v.issues.length > 1 ? 's' : ''}\n${formatIssues(v.issues)}`,
      );
    }
  }
  const code = verdicts.some((v) => v.unreadable) ? 3 : verdicts.some((v) => !v.valid) ? 1 : 0;
  out.data({
    type: 'result',
    valid: code === 0,
    exitCode: code,
    files: verdicts.length,
    invalid: verdicts.filter((v) => !v.valid).length,
  });
  return code;
}
