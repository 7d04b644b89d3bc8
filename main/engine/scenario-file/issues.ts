// What is wrong with an experiment file, said the way an editor would: file:line:column,
// the data path, what was expected and what was found.
import type { z } from 'zod';
import { LabError } from '../errors';
import type { DataPath, ParsedSource } from './source-map';

export interface FileIssue {
  file: string;
  line?: number;
  column?: number;
  /** Data path such as faults[1].kind ('' for the whole file). */
  path: string;
  message: string;
}

export const MAX_ISSUES = 20;

export class ScenarioFileError extends LabError {
  readonly issues: FileIssue[];
  constructor(issues: FileIssue[]) {
    super('SCENARIO_INVALID', formatIssues(issues), true);
    this.issues = sortIssues(issues);
    this.name = 'ScenarioFileError';
  }
}

export function formatIssue(i: FileIssue): string {
  const where =
    i.line !== undefined ? `${i.file}:${i.line}${i.column !== undefined ? `:${i.column}` : ''}` : i.file;
  return `${where}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}

/** In file order; issues without a line first (they concern the whole file). */
export function sortIssues(issues: FileIssue[]): FileIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

export function formatIssues(issues: FileIssue[]): string {
  const shown = sortIssues(issues).slice(0, MAX_ISSUES).map(formatIssue);
  if (issues.length > MAX_ISSUES) shown.push(`… and ${issues.length - MAX_ISSUES} more`);
  return shown.join('\n');
}

export function formatPath(path: DataPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else {
      const s = String(seg);
      out += /^[A-Za-z_$][\w$]*$/.test(s) ? (out ? `.${s}` : s) : `[${JSON.stringify(s)}]`;
    }
  }
  return out;
}

/** An issue at a data path, placed on its line. */
export function issueAt(
  source: ParsedSource | undefined,
  file: string,
  path: DataPath,
  message: string,
  key?: string,
): FileIssue {
  const pos = source?.locate(path, key);
  const full = key === undefined ? path : [...path, key];
  return { file, line: pos?.line, column: pos?.column, path: formatPath(full), message };
}

const SAFE_INT_NOTE = 'Integers must be within the safe integer range.';

/** zod issues -> file issues, one per path (the most specific), with what was found. */
export function fromZod(error: z.ZodError, source: ParsedSource | undefined, file: string): FileIssue[] {
  const out: FileIssue[] = [];
  const seen = new Set<string>();
  const issues = error.issues.filter(
    (i) =>
      !(
        i.code === 'too_big' &&
        (i as { note?: string }).note === SAFE_INT_NOTE &&
        error.issues.some((j) => j !== i && samePath(i.path, j.path))
      ),
  );
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys)
        out.push(
          issueAt(
            source,
            file,
            i.path,
            `unknown key '${k}' (not part of the experiment format: check its spelling and place)`,
            k,
          ),
        );
      continue;
    }
    const key = formatPath(i.path);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issueAt(source, file, i.path, describe(i)));
  }
  return out;
}

function samePath(a: readonly PropertyKey[], b: readonly PropertyKey[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(i: z.core.$ZodIssue): string {
  const input = (i as { input?: unknown }).input;
  if (i.code === 'invalid_type')
    return input === undefined
      ? `missing: expected ${i.expected}`
      : `expected ${i.expected}, got ${show(input)}`;
  if (i.code === 'invalid_union' && 'note' in i && i.note === 'No matching discriminator') {
    const d = (i as { discriminator?: string }).discriminator ?? 'kind';
    const options = (i as { options?: unknown[] }).options ?? [];
    const got = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[d] : input;
    return `expected ${d} to be one of ${options.map((o) => JSON.stringify(o)).join(' | ')}, got ${got === undefined ? 'nothing' : show(got)}`;
  }
  let msg = i.message
    .replace(/^Invalid input: /, '')
    .replace(/^Invalid option: /, '')
    .replace(/^Too (big|small): /, '');
  if (input !== undefined) msg += `, got ${show(input)}`;
  return msg;
}

function show(v: unknown): string {
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
