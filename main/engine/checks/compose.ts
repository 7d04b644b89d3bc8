// Composing checker results into one verdict, as Jepsen's `compose` does: validity ranks
// true < 'unknown' < false, anomalies add up per kind, examples keep the first few.
import type { Checker, CheckInput } from '../scenario';
import type { CheckResult, Validity, Verdict } from './verdict';
import { withSharedViews } from './shared-views';

/** How many examples of each anomaly kind a verdict (and a checker) keeps. */
export const MAX_EXAMPLES_PER_KIND = 5;

const RANK: Record<string, number> = { true: 0, unknown: 1, false: 2 };

/** The worse of two validities: true < 'unknown' < false. */
export function mergeValidity(a: Validity, b: Validity): Validity {
  return RANK[String(a)] >= RANK[String(b)] ? a : b;
}

export function composeChecks(results: readonly CheckResult[]): Verdict {
  let valid: Validity = true;
  const anomalies: Record<string, number> = {};
  const examples: Record<string, unknown[]> = {};
  for (const r of results) {
    valid = mergeValidity(valid, r.valid);
    for (const [kind, n] of Object.entries(r.anomalies)) {
      anomalies[kind] = (anomalies[kind] ?? 0) + n;
    }
    for (const [kind, list] of Object.entries(r.examples)) {
      const into = (examples[kind] ??= []);
      for (const ex of list) {
        if (into.length >= MAX_EXAMPLES_PER_KIND) break;
        into.push(ex);
      }
    }
  }
  return { valid, anomalies, examples, checks: [...results] };
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/** Runs one checker; an exception becomes a result with validity 'unknown'. */
export function checkSafe(checker: Checker, input: CheckInput): CheckResult {
  try {
    return checker.check(input);
  } catch (e) {
    const message = messageOf(e);
    return {
      name: checker.name,
      valid: 'unknown',
      summary: `${checker.name} could not be checked: ${message}`,
      anomalies: {},
      examples: {},
      stats: { error: message },
    };
  }
}

/** Runs every checker on one input; views of the history they share are computed once. */
export function runChecks(checkers: readonly Checker[], input: CheckInput): Verdict {
  return composeChecks(withSharedViews(() => checkers.map((c) => checkSafe(c, input))));
}

/** Keeps the first MAX_EXAMPLES_PER_KIND items of a list (for checkers building examples). */
export function firstExamples<T>(list: readonly T[]): T[] {
  return list.slice(0, MAX_EXAMPLES_PER_KIND);
}
