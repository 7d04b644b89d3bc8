import { describe, expect, it } from 'vitest';
import { RunModel } from '../model/run-model';
import { chartData } from './run-charts';

describe('chartData', () => {
  it('charts gauges by unit, apart from the rows and divergence charts', () => {
    const m = new RunModel('r').applyAll([
      { type: 'sample', t: 50, probe: 'rows', store: 's1', rows: 1, ids: ['a'] },
      { type: 'sample', t: 50, probe: 'kafka-lag', store: 'lag:b', rows: 3, kind: 'gauge', unit: 'messages' },
      { type: 'sample', t: 50, probe: 'kafka-lag', store: 'lag:a', rows: 0, kind: 'gauge', unit: 'messages' },
      { type: 'sample', t: 60, probe: 'rows', store: 'wal', rows: 2, kind: 'gauge', unit: 'KiB' },
      { type: 'sample', t: 70, probe: 'rows', store: 'depth', rows: 5, kind: 'gauge' },
    ]);
    const d = chartData(m);
    expect(d.rows.map((s) => s.name)).toEqual(['s1']);
    expect(d.divergence.map((s) => s.name)).toEqual(['s1']);
    expect(d.probes).toEqual([]);
    expect(d.gauges.map((g) => [g.unit, g.series.map((s) => `${s.name}=${s.last}`)])).toEqual([
      ['KiB', ['wal=2']],
      ['messages', ['lag:a=0', 'lag:b=3']],
      [undefined, ['depth=5']],
    ]);
    expect(d.gauges[1].series[0].color).not.toBe(d.gauges[1].series[1].color);
  });
});
