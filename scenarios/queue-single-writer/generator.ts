// The pure workload of queue-single-writer: each user places an order, then at once reads
// it back until it is visible (read-after-write), one order after the other.
import type { Step } from '../../main/engine/scenario';
import { faultSteps, userSteps, type FaultPlan, type UserWorkload } from '../broker-sync/generator';

export function queueSingleWriterSchedule(w: UserWorkload, fault: FaultPlan): Step[] {
  const steps = userSteps(w).flatMap((s): Step[] =>
    'f' in s
      ? [s, { at: s.at, process: s.process, f: 'read-own', value: { id: (s.value as { id: string }).id } }]
      : [s],
  );
  return [...steps, ...faultSteps(fault)].sort((a, b) => a.at - b.at);
}
