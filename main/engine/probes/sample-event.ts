// A probe's reading as the 'sample' event the runner records. Pure.
import type { RunEvent, StoreSnapshot } from '../events';

export type SampleEvent = Extract<RunEvent, { type: 'sample' }>;

/**
 * `probe` names how it was read ('rows': a store's ids over HTTP; 'kafka-lag': the lab's
 * admin client). A store of rows keeps its ids; a gauge keeps them only when it has some
 * (the WAL gauge's ids are WAL positions its check reads), and carries its kind and unit.
 */
export function sampleEvent(t: number, probe: string, s: StoreSnapshot): SampleEvent {
  const e: SampleEvent = { type: 'sample', t, probe, store: s.name, rows: s.available ? s.rows : null };
  if (s.kind === 'gauge') {
    if (s.available && s.ids.length) e.ids = s.ids;
    e.kind = 'gauge';
    if (s.unit) e.unit = s.unit;
  } else if (s.available) e.ids = s.ids;
  return e;
}
