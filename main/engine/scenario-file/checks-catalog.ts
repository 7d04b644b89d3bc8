// Checks chosen by name in an experiment file: the generic checkers of main/engine/checks,
// bound to the order workload's ops (add, list).
import type { Checker } from '../scenario';
import { convergence, duplicates, lostWrites, readYourWrites, splitData, storeCounts } from '../checks';
import type { CheckName, CheckSpec } from './schema';

const ADD = 'add';
const LIST = 'list';

export function checkerFor(spec: CheckSpec): Checker {
  const s = typeof spec === 'string' ? { name: spec } : spec;
  const name: CheckName = s.name;
  switch (name) {
    case 'store-counts':
      return storeCounts();
    case 'split-data':
      return splitData({ addF: ADD });
    case 'read-your-writes':
      return readYourWrites({ addF: ADD, readF: LIST });
    case 'lost-writes':
      return lostWrites({ addF: ADD });
    case 'duplicates':
      return duplicates({ addF: ADD });
    case 'convergence':
      return convergence({
        requireConvergence: 'requireConvergence' in s ? s.requireConvergence : undefined,
        withinMs: 'withinMs' in s ? s.withinMs : undefined,
      });
  }
}

export function checkNameOf(spec: CheckSpec): CheckName {
  return typeof spec === 'string' ? spec : spec.name;
}
